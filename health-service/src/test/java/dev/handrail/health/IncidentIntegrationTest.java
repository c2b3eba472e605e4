package dev.handrail.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.handrail.bus.Bus;
import dev.handrail.contracts.Subjects;
import dev.handrail.contracts.action.ActionIds;
import dev.handrail.contracts.action.Execution;
import dev.handrail.contracts.error.ErrorCode;
import dev.handrail.contracts.json.Json;
import dev.handrail.contracts.message.ActionFailed;
import dev.handrail.contracts.message.AuditEventQuarantined;
import dev.handrail.contracts.message.Envelope;
import dev.handrail.contracts.message.Heartbeat;
import dev.handrail.contracts.message.IncidentChanged;
import dev.handrail.contracts.query.ByIdQuery;
import dev.handrail.contracts.query.ListQuery;
import dev.handrail.contracts.query.Reply;
import dev.handrail.devkit.Infrastructure;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IncidentIntegrationTest implements TestPropertyProvider {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String SOURCE = "/handrail/health-service-test/incidents";
    private static final long BEAT_MS = 200;

    @Inject
    Bus bus;

    private final ScheduledExecutorService beats = Executors.newSingleThreadScheduledExecutor();
    private final TestFeed feed = new TestFeed(Infrastructure.shared().natsUrl());

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(Infrastructure.shared().serviceProperties("health_incidents"));
        properties.put("handrail.health.liveness.check-interval", "100ms");
        properties.put("handrail.health.leader.interval", "200ms");
        properties.put("handrail.health.incidents.dead-letter-burst", "20");
        properties.put("handrail.health.incidents.dead-letter-window", "3s");
        return properties;
    }

    @AfterAll
    void stop() throws InterruptedException {
        beats.shutdownNow();
        feed.close();
    }

    @Test
    void aNodeGoingDownOpensOneIncidentHoldsItsBreakerAndBothRecoverWhenItIsBack() {
        String node = unique("desk");
        ScheduledFuture<?> alive = beat(node);
        await().atMost(WAIT).until(() -> "healthy".equals(nodeState(node)));

        alive.cancel(false);
        await().atMost(WAIT).until(() -> openIncident("node:" + node) != null);
        JsonNode incident = openIncident("node:" + node);
        assertThat(incident.path("kind").asText()).isEqualTo("node");
        assertThat(incident.path("title").asText()).isEqualTo("Node " + node + " is down");
        JsonNode breaker = breakers().path("node:" + node);
        assertThat(breaker.path("state").asText()).isEqualTo("open");
        assertThat(breaker.path("held").asBoolean()).isTrue();

        ScheduledFuture<?> back = beat(node);
        await().atMost(WAIT)
                .until(() -> "half_open"
                        .equals(breakers().path("node:" + node).path("state").asText()));
        await().atMost(WAIT)
                .until(() -> "closed"
                        .equals(one(incident.path("id").asText()).path("state").asText()));
        back.cancel(false);

        JsonNode closed = one(incident.path("id").asText());
        assertThat(closed.path("closed_at").isTextual()).isTrue();
        assertThat(incidents(Map.of("kind", "node")))
                .filteredOn(i -> i.path("key").asText().equals("node:" + node))
                .hasSize(1);
        await().atMost(WAIT)
                .untilAsserted(() -> assertThat(feed.stored("handrail.v1.events.incident.>"))
                        .filteredOn(e -> e.subject().equals(incident.path("id").asText()))
                        .extracting(e -> e.message(IncidentChanged.class).state())
                        .containsExactly("opened", "closed"));
    }

    @Test
    void aTrippedBreakerOpensAnIncidentAndClosingTheBreakerClosesIt() {
        String node = unique("desk");
        for (int i = 0; i < 5; i++) {
            publish(new ActionFailed(
                    ActionIds.next(), "shell.run", node, Execution.failed(ErrorCode.EXECUTOR_ERROR, "x", 5, 0)));
        }
        String key = "breaker:node:" + node;
        await().atMost(WAIT).until(() -> openIncident(key) != null);
        String id = openIncident(key).path("id").asText();
        assertThat(openIncident(key)
                        .path("detail")
                        .path("stats")
                        .path("failed_calls")
                        .asInt())
                .isEqualTo(5);

        ask(Subjects.QUERY_BREAKER_RESET, new ByIdQuery("node:" + node));

        await().atMost(WAIT).until(() -> "closed".equals(one(id).path("state").asText()));
        assertThat(openIncident("breaker:node:" + node + ":shell.run")).isNotNull();
    }

    @Test
    void aBurstOfDeadLettersOpensOneIncidentThatClosesWhenTheBurstIsOver() {
        await().atMost(WAIT).until(() -> openIncident("dead_letters") == null);
        String node = unique("desk");
        for (int i = 0; i < 20; i++) {
            publish(new ActionFailed(
                    ActionIds.next(),
                    "file.read",
                    node,
                    Execution.failed(ErrorCode.FILE_NOT_FOUND, "No such file", 5, 0)));
        }

        await().atMost(WAIT).until(() -> openIncident("dead_letters") != null);
        JsonNode burst = openIncident("dead_letters");
        assertThat(burst.path("kind").asText()).isEqualTo("dead_letters");
        assertThat(burst.path("detail").path("count").asInt()).isGreaterThanOrEqualTo(20);
        assertThat(breakers().path("node:" + node).isMissingNode()).isTrue();

        await().atMost(WAIT)
                .until(() -> "closed"
                        .equals(one(burst.path("id").asText()).path("state").asText()));
        assertThat(incidents(Map.of("kind", "dead_letters")))
                .extracting(i -> i.path("id").asText())
                .containsOnlyOnce(burst.path("id").asText());
    }

    @Test
    void aMessageTheAuditStoreQuarantinedOpensAnIncidentThatStaysOpen() {
        long quarantineId = System.nanoTime();
        AuditEventQuarantined quarantined = new AuditEventQuarantined(
                quarantineId,
                Subjects.STREAM_EVENTS,
                4242,
                "handrail.v1.events.action.planned.file.read",
                ActionIds.next(),
                "PostgreSQL cannot store it: jsonb refuses the NUL character",
                Instant.now());
        Envelope notice = Envelope.of(SOURCE, quarantined, "audit-service", null);

        bus.publish(quarantined.natsSubject(), notice).join();
        bus.publish(quarantined.natsSubject(), Envelope.of(SOURCE, quarantined, "audit-service", null))
                .join();

        String key = "audit_quarantine:" + quarantineId;
        await().atMost(WAIT).until(() -> openIncident(key) != null);
        JsonNode incident = openIncident(key);
        assertThat(incident.path("kind").asText()).isEqualTo("audit_quarantine");
        assertThat(incident.path("detail").path("stream_sequence").asLong()).isEqualTo(4242);
        assertThat(incident.path("detail").path("event_id").asText()).isEqualTo(quarantined.eventId());
        await().atMost(WAIT)
                .untilAsserted(() -> assertThat(feed.stored("handrail.v1.events.incident.>"))
                        .filteredOn(e -> e.subject().equals(incident.path("id").asText()))
                        .extracting(e -> e.message(IncidentChanged.class).state())
                        .containsExactly("opened"));
        assertThat(one(incident.path("id").asText()).path("state").asText())
                .as("announced by a sweep, which left it open")
                .isEqualTo("open");
        assertThat(incidents(Map.of("kind", "audit_quarantine")))
                .filteredOn(i -> i.path("key").asText().equals(key))
                .hasSize(1);
    }

    @Test
    void listsIncidentsByStateAndAnUnknownIdIsNotFound() {
        Reply missing = ask(Subjects.QUERY_INCIDENT, new ByIdQuery("01JNOSUCHINCIDENT000000000"));
        Reply badState = ask(Subjects.QUERY_INCIDENTS, new ListQuery(Map.of("state", "sleeping"), 5));
        Reply closedOnes = ask(Subjects.QUERY_INCIDENTS, new ListQuery(Map.of("state", "closed"), 5));

        assertThat(missing.error().code()).isEqualTo("NOT_FOUND");
        assertThat(badState.error().code()).isEqualTo("BAD_QUERY");
        assertThat(closedOnes.ok()).isTrue();
        closedOnes
                .data()
                .path("incidents")
                .forEach(i -> assertThat(i.path("state").asText()).isEqualTo("closed"));
    }

    private ScheduledFuture<?> beat(String node) {
        return beats.scheduleAtFixedRate(
                () -> bus.connection()
                        .publish(
                                Subjects.heartbeat("node", node),
                                Json.bytes(new Heartbeat(
                                        "node",
                                        node,
                                        "executor-service",
                                        Instant.now(),
                                        Instant.now(),
                                        BEAT_MS,
                                        null))),
                0,
                BEAT_MS,
                TimeUnit.MILLISECONDS);
    }

    private String nodeState(String node) {
        return ask(Subjects.QUERY_HEALTH_SUMMARY, new ListQuery(Map.of(), 0))
                .data()
                .path("dependencies")
                .path("node:" + node)
                .path("state")
                .asText();
    }

    private JsonNode breakers() {
        return ask(Subjects.QUERY_BREAKERS, new ListQuery(Map.of(), 0)).data().path("breakers");
    }

    private JsonNode openIncident(String key) {
        return incidents(Map.of("state", "open")).stream()
                .filter(i -> i.path("key").asText().equals(key))
                .findFirst()
                .orElse(null);
    }

    private List<JsonNode> incidents(Map<String, String> filters) {
        Reply reply = ask(Subjects.QUERY_INCIDENTS, new ListQuery(filters, 500));
        assertThat(reply.ok()).isTrue();
        List<JsonNode> all = new ArrayList<>();
        reply.data().path("incidents").forEach(all::add);
        return all;
    }

    private JsonNode one(String id) {
        return ask(Subjects.QUERY_INCIDENT, new ByIdQuery(id)).data();
    }

    private void publish(ActionFailed failed) {
        bus.publish(failed.natsSubject(), Envelope.of(SOURCE, failed, "it-tester", "it-session"))
                .join();
    }

    private Reply ask(String subject, Object query) {
        return bus.request(subject, query, Duration.ofSeconds(5)).join();
    }

    private static String unique(String prefix) {
        return prefix + "-" + ActionIds.next().toLowerCase(Locale.ROOT).substring(16);
    }
}
