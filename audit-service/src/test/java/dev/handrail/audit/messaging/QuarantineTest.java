package dev.handrail.audit.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.handrail.audit.Lifecycles;
import dev.handrail.audit.jdbc.PlainDataSource;
import dev.handrail.bus.Bus;
import dev.handrail.contracts.Subjects;
import dev.handrail.contracts.action.ActionIds;
import dev.handrail.contracts.action.ActionState;
import dev.handrail.contracts.action.ActionView;
import dev.handrail.contracts.message.AuditEventQuarantined;
import dev.handrail.contracts.message.Envelope;
import dev.handrail.contracts.query.ByIdQuery;
import dev.handrail.contracts.query.Reply;
import dev.handrail.contracts.query.SeqQuery;
import dev.handrail.devkit.Infrastructure;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.nats.client.JetStreamSubscription;
import io.nats.client.Message;
import io.nats.client.PullSubscribeOptions;
import io.nats.client.api.PublishAck;
import io.nats.client.impl.Headers;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Messages put straight onto the event subjects (no gateway in front) that the chain cannot hold:
 * a plan whose data holds the NUL character, one holding a 400-digit number, and bytes that are not
 * an envelope at all. Each is kept raw in the quarantine, announced for an incident, acknowledged,
 * and reported by verification, while the good events around them are stored.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class QuarantineTest implements TestPropertyProvider {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final String PLANNED = Subjects.actionEvent("planned", "file.read");

    @Inject
    Bus bus;

    @Inject
    DataSource dataSource;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(Infrastructure.shared().serviceProperties("audit_quarantine"));
        properties.put("micronaut.server.port", "-1");
        properties.put(
                "handrail.audit.checkpoint.key-file", AuditServiceTest.keyFile().toString());
        return properties;
    }

    @Test
    void messagesTheChainCannotHoldAreQuarantinedRawAnnouncedAndReportedWhileTheGoodOnesAroundThemAreStored()
            throws Exception {
        String session = "s-" + ActionIds.next();
        List<Envelope> good = Lifecycles.succeeded(ActionIds.next(), session);
        String nulPlan = planWithParams(session, "\"path\":\"a\\u0000b.txt\"");
        String hugeNumberPlan = planWithParams(session, "\"path\":\"a.txt\",\"size\":" + "9".repeat(400));
        byte[] notAnEnvelope = "{\"this is\": \"not an envelope\"".getBytes(StandardCharsets.UTF_8);

        Map<Long, byte[]> bad = new LinkedHashMap<>();
        publish(good.subList(0, 2));
        bad.put(raw(PLANNED, nulPlan.getBytes(StandardCharsets.UTF_8)), nulPlan.getBytes(StandardCharsets.UTF_8));
        bad.put(
                raw(PLANNED, hugeNumberPlan.getBytes(StandardCharsets.UTF_8)),
                hugeNumberPlan.getBytes(StandardCharsets.UTF_8));
        bad.put(raw(PLANNED, notAnEnvelope), notAnEnvelope);
        publish(good.subList(2, good.size()));

        String actionId = good.getFirst().subject();
        await().ignoreExceptions()
                .untilAsserted(() -> assertThat(ask(Subjects.QUERY_ACTION, new ByIdQuery(actionId))
                                .data(ActionView.class)
                                .state())
                        .isEqualTo(ActionState.SUCCEEDED));
        await().untilAsserted(() -> assertThat(quarantined()).containsOnlyKeys(bad.keySet()));
        quarantined()
                .forEach((seq, payload) ->
                        assertThat(payload).as("kept raw, byte for byte").isEqualTo(bad.get(seq)));

        JsonNode report = ask(Subjects.QUERY_AUDIT_VERIFY, new SeqQuery(1)).data();
        assertThat(report.path("intact").asBoolean()).isTrue();
        assertThat(report.path("complete").asBoolean()).isFalse();
        assertThat(report.path("quarantined").asLong()).isEqualTo(3);
        List<Long> reported = new ArrayList<>();
        report.path("quarantined_events")
                .forEach(q -> reported.add(q.path("stream_sequence").asLong()));
        assertThat(reported).containsExactlyInAnyOrderElementsOf(bad.keySet());
        assertThat(errors())
                .anySatisfy(e -> assertThat(e).contains("NUL"))
                .anySatisfy(e -> assertThat(e).contains("canonical JSON"))
                .anySatisfy(e -> assertThat(e).contains("not an envelope"));

        assertThat(notices())
                .extracting(AuditEventQuarantined::streamSequence)
                .containsExactlyInAnyOrderElementsOf(bad.keySet());
        await().untilAsserted(() -> assertThat(bus.connection()
                        .jetStreamManagement()
                        .getConsumerInfo(Subjects.STREAM_EVENTS, Subjects.DURABLE_AUDIT)
                        .getNumAckPending())
                .as("every message acknowledged, the quarantined ones too")
                .isZero());
    }

    private static String planWithParams(String session, String params) {
        Envelope plan = Lifecycles.planned(ActionIds.next(), session);
        String json = new String(plan.toBytes(), StandardCharsets.UTF_8);
        String withParams = json.replaceFirst(
                "\"params\":\\{[^}]*}", java.util.regex.Matcher.quoteReplacement("\"params\":{" + params + "}"));
        assertThat(withParams).isNotEqualTo(json);
        return withParams;
    }

    private void publish(List<Envelope> envelopes) {
        for (Envelope e : envelopes) {
            bus.publish(((dev.handrail.contracts.message.ActionEvent) e.message()).natsSubject(), e)
                    .join();
        }
    }

    /** Publishes bytes as they are onto a subject of the feed; their stream sequence. */
    private long raw(String subject, byte[] payload) throws Exception {
        PublishAck ack = bus.connection()
                .jetStream()
                .publish(subject, new Headers().put("Nats-Msg-Id", ActionIds.next()), payload);
        return ack.getSeqno();
    }

    private Map<Long, byte[]> quarantined() throws SQLException {
        Map<Long, byte[]> rows = new HashMap<>();
        try (Connection c = PlainDataSource.of(dataSource).getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT stream_sequence, payload FROM quarantine");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                rows.put(rs.getLong(1), rs.getBytes(2));
            }
        }
        return rows;
    }

    private List<String> errors() throws SQLException {
        List<String> errors = new ArrayList<>();
        try (Connection c = PlainDataSource.of(dataSource).getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT error FROM quarantine");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                errors.add(rs.getString(1));
            }
        }
        return errors;
    }

    /** The quarantine notices on the feed, read with a consumer of this test's own. */
    private List<AuditEventQuarantined> notices() throws Exception {
        JetStreamSubscription sub = bus.connection()
                .jetStream()
                .subscribe(
                        Subjects.AUDIT_QUARANTINE_EVENTS,
                        PullSubscribeOptions.builder().build());
        try {
            List<AuditEventQuarantined> found = new ArrayList<>();
            await().untilAsserted(() -> {
                for (Message m : sub.fetch(100, Duration.ofMillis(200))) {
                    found.add(Envelope.parse(m.getData()).message(AuditEventQuarantined.class));
                    m.ack();
                }
                assertThat(found).hasSizeGreaterThanOrEqualTo(3);
            });
            return found;
        } finally {
            sub.unsubscribe();
        }
    }

    private Reply ask(String subject, Object query) {
        return bus.request(subject, query, TIMEOUT).join();
    }
}
