package dev.handrail.audit.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.handrail.audit.Lifecycles;
import dev.handrail.audit.chain.ChainVerifier;
import dev.handrail.audit.chain.VerificationReport;
import dev.handrail.audit.query.Trail;
import dev.handrail.audit.query.TrailEvent;
import dev.handrail.audit.query.TrailPage;
import dev.handrail.audit.query.TrailSummary;
import dev.handrail.bus.Bus;
import dev.handrail.contracts.Subjects;
import dev.handrail.contracts.action.ActionIds;
import dev.handrail.contracts.action.ActionState;
import dev.handrail.contracts.action.ActionView;
import dev.handrail.contracts.json.Json;
import dev.handrail.contracts.message.ActionEvent;
import dev.handrail.contracts.message.AuditCheckpoint;
import dev.handrail.contracts.message.Envelope;
import dev.handrail.contracts.query.ActionListQuery;
import dev.handrail.contracts.query.ActionPage;
import dev.handrail.contracts.query.ByIdQuery;
import dev.handrail.contracts.query.EventPage;
import dev.handrail.contracts.query.EventQuery;
import dev.handrail.contracts.query.ListQuery;
import dev.handrail.contracts.query.Reply;
import dev.handrail.contracts.query.SeqQuery;
import dev.handrail.contracts.query.StoredEvent;
import dev.handrail.devkit.Infrastructure;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.nats.client.Connection;
import io.nats.client.Dispatcher;
import io.nats.client.Nats;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The service end to end: events published on the feed are stored and answered by the queries. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuditServiceTest implements TestPropertyProvider {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final int MANAGEMENT_PORT = dev.handrail.devkit.Ports.free();

    @Inject
    Bus bus;

    @Inject
    ChainVerifier verifier;

    @Inject
    MeterRegistry registry;

    @Inject
    @Client("/")
    HttpClient http;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(Infrastructure.shared().serviceProperties("audit"));
        properties.put("micronaut.server.port", "-1");
        properties.put("endpoints.all.port", Integer.toString(MANAGEMENT_PORT));
        properties.put("handrail.audit.checkpoint.every-events", "20");
        properties.put("handrail.audit.checkpoint.key-file", keyFile().toString());
        return properties;
    }

    static Path keyFile() {
        try {
            return Files.createTempDirectory("audit-key").resolve("checkpoint-signing.key");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void publish(List<Envelope> envelopes) {
        for (Envelope e : envelopes) {
            bus.publish(((ActionEvent) e.message()).natsSubject(), e).join();
        }
    }

    private Reply ask(String subject, Object query) {
        return bus.request(subject, query, TIMEOUT).join();
    }

    private Reply action(String id) {
        return ask(Subjects.QUERY_ACTION, new ByIdQuery(id));
    }

    /** Until the projection shows the action succeeded; not found yet is not a failure. */
    private void awaitSucceeded(String id) {
        await().until(() -> {
            Reply reply = action(id);
            return reply.ok() && reply.data(ActionView.class).state() == ActionState.SUCCEEDED;
        });
    }

    @Test
    void answersTheFoldedStateOfEachPublishedAction() {
        String session = "s-" + ActionIds.next();
        List<String> ids = List.of(ActionIds.next(), ActionIds.next(), ActionIds.next());
        ids.forEach(id -> publish(Lifecycles.succeeded(id, session)));

        await().untilAsserted(() -> ids.forEach(id -> {
            Reply reply = action(id);
            assertThat(reply.ok()).isTrue();
            ActionView view = reply.data(ActionView.class);
            assertThat(view.state()).isEqualTo(ActionState.SUCCEEDED);
            assertThat(view.execution()).isEqualTo(Lifecycles.DONE_AS_STORED);
            assertThat(view.sessionId()).isEqualTo(session);
        }));
        assertThat(verifier.verify(1).ok()).isTrue();
    }

    @Test
    void listsActionsNewestFirstWithTheirTotal() {
        String session = "s-" + ActionIds.next();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            String id = ActionIds.next();
            ids.add(id);
            publish(Lifecycles.succeeded(id, session).subList(0, 2));
        }

        await().untilAsserted(() -> {
            ActionPage page = ask(
                            Subjects.QUERY_ACTIONS, new ActionListQuery("validated", null, session, null, null, 2))
                    .data(ActionPage.class);
            assertThat(page.total()).isEqualTo(3);
            assertThat(page.actions()).extracting(ActionView::actionId).containsExactly(ids.get(2), ids.get(1));
        });
        ActionPage none = ask(Subjects.QUERY_ACTIONS, new ActionListQuery("succeeded", null, session, null, null, 0))
                .data(ActionPage.class);
        assertThat(none.total()).isZero();
        assertThat(none.actions()).isEmpty();
    }

    @Test
    void listsActionsCreatedWithinATimeRange() {
        String session = "s-" + ActionIds.next();
        Envelope older = at(Lifecycles.planned(ActionIds.next(), session), Instant.parse("2020-01-01T00:00:00Z"));
        Envelope newer = at(Lifecycles.planned(ActionIds.next(), session), Instant.parse("2021-01-01T00:00:00Z"));
        publish(List.of(older, newer));
        Instant between = Instant.parse("2020-06-01T00:00:00Z");

        await().untilAsserted(() -> assertThat(
                        ask(Subjects.QUERY_ACTIONS, new ActionListQuery(null, null, session, null, null, 10))
                                .data(ActionPage.class)
                                .total())
                .isEqualTo(2));
        ActionPage since = ask(
                        Subjects.QUERY_ACTIONS, new ActionListQuery(null, null, session, null, null, 10, between, null))
                .data(ActionPage.class);
        ActionPage before = ask(
                        Subjects.QUERY_ACTIONS, new ActionListQuery(null, null, session, null, null, 10, null, between))
                .data(ActionPage.class);

        assertThat(since.actions()).extracting(ActionView::actionId).containsExactly(newer.subject());
        assertThat(before.actions()).extracting(ActionView::actionId).containsExactly(older.subject());
    }

    private static Envelope at(Envelope e, Instant time) {
        return new Envelope(
                e.specversion(),
                e.id(),
                e.source(),
                e.type(),
                e.subject(),
                time,
                e.datacontenttype(),
                e.correlationid(),
                e.causationid(),
                e.principal(),
                e.session(),
                e.data());
    }

    @Test
    void answersTrailsInSeqOrder() {
        String session = "s-" + ActionIds.next();
        String id = ActionIds.next();
        List<Envelope> lifecycle = Lifecycles.succeeded(id, session);
        publish(lifecycle);

        await().untilAsserted(() -> {
            Reply reply = ask(Subjects.QUERY_TRAIL, new ByIdQuery(id));
            assertThat(reply.ok()).isTrue();
            Trail trail = reply.data(Trail.class);
            assertThat(trail.actionId()).isEqualTo(id);
            assertThat(trail.intent()).isEqualTo("file.read");
            assertThat(trail.events())
                    .extracting(TrailEvent::state)
                    .containsExactly("planned", "validated", "approved", "executing", "succeeded");
            assertThat(trail.events())
                    .extracting(TrailEvent::phase)
                    .containsExactly("plan", "validate", "approve", "execute", "verify");
            assertThat(trail.events())
                    .extracting(TrailEvent::id)
                    .containsExactlyElementsOf(
                            lifecycle.stream().map(Envelope::id).toList());
            assertThat(trail.events()).extracting(TrailEvent::seq).isSorted();
            assertThat(trail.events().getFirst().principal()).isEqualTo(Lifecycles.PRINCIPAL);
            assertThat(trail.events().getFirst().data().get("session_id").asText())
                    .isEqualTo(session);
        });

        TrailPage page = ask(Subjects.QUERY_TRAILS, new ListQuery(Map.of("session_id", session), 10))
                .data(TrailPage.class);
        assertThat(page.total()).isEqualTo(1);
        TrailSummary summary = page.trails().getFirst();
        assertThat(summary.actionId()).isEqualTo(id);
        assertThat(summary.state()).isEqualTo("succeeded");
        assertThat(summary.intent()).isEqualTo("file.read");
        assertThat(summary.eventCount()).isEqualTo(5);
        assertThat(summary.firstAt()).isBeforeOrEqualTo(summary.lastAt());
    }

    @Test
    void sameEnvelopePublishedTwiceIsStoredOnce() throws Exception {
        String id = ActionIds.next();
        List<Envelope> lifecycle = Lifecycles.succeeded(id, "s-dup");
        double duplicatesBefore = registry.counter("handrail.audit.duplicates").count();
        publish(lifecycle.subList(0, 2));
        publish(lifecycle.subList(1, 2));
        Envelope validated = lifecycle.get(1);
        bus.connection().jetStream().publish(((ActionEvent) validated.message()).natsSubject(), validated.toBytes());
        String marker = ActionIds.next();
        publish(List.of(Lifecycles.planned(marker, "s-dup")));

        await().untilAsserted(() -> assertThat(action(marker).ok()).isTrue());
        Trail trail = ask(Subjects.QUERY_TRAIL, new ByIdQuery(id)).data(Trail.class);
        assertThat(trail.events())
                .extracting(TrailEvent::id)
                .containsExactly(lifecycle.get(0).id(), validated.id());
        assertThat(registry.counter("handrail.audit.duplicates").count() - duplicatesBefore)
                .isEqualTo(1.0);
    }

    @Test
    void pagesThroughStoredEventsInSeqOrderWithFilters() {
        String id = ActionIds.next();
        List<Envelope> lifecycle = Lifecycles.succeeded(id, "s-events");
        publish(lifecycle);
        awaitSucceeded(id);

        EventPage byAction = ask(Subjects.QUERY_EVENTS, new EventQuery(0, 0, 3, id, null, null, null, null))
                .data(EventPage.class);
        EventPage rest = ask(
                        Subjects.QUERY_EVENTS, new EventQuery(byAction.nextFromSeq(), 0, 3, id, null, null, null, null))
                .data(EventPage.class);
        EventPage byType = ask(
                        Subjects.QUERY_EVENTS,
                        new EventQuery(
                                0,
                                0,
                                0,
                                null,
                                lifecycle.getFirst().correlationid(),
                                "dev.handrail.action.succeeded.v1",
                                "file.read",
                                null))
                .data(EventPage.class);

        assertThat(byAction.events())
                .extracting(e -> e.envelope().id())
                .containsExactlyElementsOf(
                        lifecycle.subList(0, 3).stream().map(Envelope::id).toList());
        assertThat(rest.events())
                .extracting(e -> e.envelope().id())
                .containsExactly(lifecycle.get(3).id(), lifecycle.get(4).id());
        assertThat(rest.nextFromSeq()).isEqualTo(rest.headSeq() + 1);
        assertThat(byType.events())
                .extracting(e -> e.envelope().id())
                .containsExactly(lifecycle.getLast().id());
        StoredEvent last = rest.events().getLast();
        assertThat(last.hash()).hasSize(64);
        assertThat(last.natsSubject()).isEqualTo("handrail.v1.events.action.succeeded.file.read.node.local");
        assertThat(ask(Subjects.QUERY_EVENTS, new EventQuery(-1, 0, 0, null, null, null, null, null))
                        .error()
                        .code())
                .isEqualTo("BAD_QUERY");
    }

    @Test
    void announcesEachStoredEventWithItsSeqAndSignsCheckpointsOnTheFeed() throws Exception {
        Connection tap = Nats.connect(Infrastructure.shared().natsUrl());
        try {
            List<StoredEvent> stored = new CopyOnWriteArrayList<>();
            List<Envelope> checkpoints = new CopyOnWriteArrayList<>();
            Dispatcher dispatcher = tap.createDispatcher();
            dispatcher.subscribe(Subjects.AUDIT_STORED_ALL, m -> stored.add(Json.read(m.getData(), StoredEvent.class)));
            dispatcher.subscribe(Subjects.AUDIT_CHECKPOINT_EVENTS, m -> checkpoints.add(Envelope.parse(m.getData())));
            tap.flush(TIMEOUT);
            String session = "s-" + ActionIds.next();
            for (int i = 0; i < 5; i++) {
                publish(Lifecycles.succeeded(ActionIds.next(), session));
            }

            await().untilAsserted(() -> assertThat(stored.stream()
                            .filter(e -> session.equals(e.envelope().session())))
                    .hasSize(25));
            await().untilAsserted(() -> assertThat(checkpoints).isNotEmpty());
            List<Long> seqs = stored.stream().map(StoredEvent::seq).sorted().toList();
            assertThat(seqs).doesNotHaveDuplicates();
            AuditCheckpoint checkpoint = checkpoints.getFirst().message(AuditCheckpoint.class);
            assertThat(checkpoints.getFirst().id()).isEqualTo("audit.checkpoint." + checkpoint.seq());
            Map<?, ?> keys = ask(Subjects.QUERY_AUDIT_KEYS, new SeqQuery(0)).data(Map.class);
            assertThat(keys.get("keys").toString()).contains(checkpoint.keyId());
        } finally {
            tap.close();
        }
        await().untilAsserted(() -> {
            VerificationReport report =
                    ask(Subjects.QUERY_AUDIT_VERIFY, new SeqQuery(1)).data(VerificationReport.class);
            assertThat(report.intact()).isTrue();
            assertThat(report.checkpointsVerified()).isPositive();
        });
    }

    @Test
    void fileContentIsRedactedInWhatTheQueriesAnswer() {
        String id = ActionIds.next();
        publish(Lifecycles.fileRead(id, "s-redact", "top secret text"));

        awaitSucceeded(id);
        Reply view = action(id);
        Reply trail = ask(Subjects.QUERY_TRAIL, new ByIdQuery(id));

        assertThat(view.data().toString()).doesNotContain("top secret text").contains("\"redacted\":true");
        assertThat(trail.data().toString()).doesNotContain("top secret text");
        assertThat(trail.data(Trail.class).events().get(2).reasons()).containsExactly("risk_safe");
        assertThat(trail.data(Trail.class)
                        .events()
                        .get(4)
                        .evidence()
                        .get("bytes")
                        .asInt())
                .isEqualTo(5);
    }

    @Test
    void healthIsUpWithTheDatabaseAndNatsOnTheManagementPortAndBareOnThePublicOne() throws Exception {
        Map<?, ?> live = http.toBlocking().retrieve(HttpRequest.GET("/health"), Map.class);
        java.net.http.HttpResponse<String> details = java.net.http.HttpClient.newHttpClient()
                .send(
                        java.net.http.HttpRequest.newBuilder(
                                        java.net.URI.create("http://127.0.0.1:" + MANAGEMENT_PORT + "/health"))
                                .build(),
                        java.net.http.HttpResponse.BodyHandlers.ofString());

        assertThat(live).isEqualTo(Map.of("status", "UP"));
        assertThat(details.statusCode()).isEqualTo(200);
        com.fasterxml.jackson.databind.JsonNode health = Json.mapper().readTree(details.body());
        assertThat(health.get("status").asText()).isEqualTo("UP");
        assertThat(health.get("details").has("nats")).isTrue();
        assertThat(health.get("details").has("jdbc")).isTrue();
    }

    @Test
    void unknownIdsAndFiltersAreAnsweredWithTheirCodes() {
        String id = ActionIds.next();

        assertThat(action(id).error().code()).isEqualTo("NOT_FOUND");
        assertThat(action(id).error().message()).isEqualTo("No action with id " + id);
        assertThat(ask(Subjects.QUERY_TRAIL, new ByIdQuery(id)).error().code()).isEqualTo("NOT_FOUND");
        Reply bad = ask(Subjects.QUERY_TRAILS, new ListQuery(Map.of("colour", "red"), 10));
        assertThat(bad.error().code()).isEqualTo("BAD_QUERY");
        assertThat(bad.error().message()).contains("colour");
    }
}
