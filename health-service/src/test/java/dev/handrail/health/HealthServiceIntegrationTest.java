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
import dev.handrail.contracts.message.ActionDeadLettered;
import dev.handrail.contracts.message.ActionEvent;
import dev.handrail.contracts.message.ActionFailed;
import dev.handrail.contracts.message.ActionSucceeded;
import dev.handrail.contracts.message.Envelope;
import dev.handrail.contracts.message.Heartbeat;
import dev.handrail.contracts.message.MessageTypes;
import dev.handrail.contracts.query.ByIdQuery;
import dev.handrail.contracts.query.ListQuery;
import dev.handrail.contracts.query.Reply;
import dev.handrail.devkit.Infrastructure;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.nats.client.Dispatcher;
import io.nats.client.api.PublishAck;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HealthServiceIntegrationTest implements TestPropertyProvider {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final Duration ASK = Duration.ofSeconds(5);
    private static final String SOURCE = "/handrail/health-service-test/it";

    @Inject
    Bus bus;

    private final List<Envelope> feed = new CopyOnWriteArrayList<>();
    private Dispatcher tap;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(Infrastructure.shared().serviceProperties("health"));
        properties.put("handrail.health.probes.interval", "300ms");
        properties.put("handrail.health.liveness.check-interval", "200ms");
        return properties;
    }

    @BeforeEach
    void tapTheFeed() {
        tap = bus.connection().createDispatcher(message -> feed.add(Envelope.parse(message.getData())));
        tap.subscribe(Subjects.ACTION_EVENTS_ALL);
    }

    @AfterEach
    void closeTap() {
        bus.connection().closeDispatcher(tap);
    }

    @Test
    void summaryListsHeartbeatSendersAndHealthyInfrastructure() {
        String instance = unique("inst");
        String node = unique("desk");

        await().atMost(WAIT).untilAsserted(() -> {
            beat(new Heartbeat("service", instance, "it-service", Instant.now(), Instant.now(), 1_000, null));
            beat(new Heartbeat(
                    "node",
                    node,
                    "executor-service",
                    Instant.now(),
                    Instant.now(),
                    1_000,
                    new Heartbeat.NodeInfo(
                            "linux", ":99", List.of("file.read"), List.of("/tmp"), Map.of("lab", "it"))));
            Reply reply = ask(Subjects.QUERY_HEALTH_SUMMARY, new ListQuery(Map.of(), 0));
            assertThat(reply.ok()).isTrue();
            JsonNode deps = reply.data().path("dependencies");
            assertThat(deps.path("service:it-service/" + instance).path("state").asText())
                    .isEqualTo("healthy");
            assertThat(deps.path("service:it-service/" + instance).path("kind").asText())
                    .isEqualTo("service");
            JsonNode desk = deps.path("node:" + node);
            assertThat(desk.path("state").asText()).isEqualTo("healthy");
            assertThat(desk.path("kind").asText()).isEqualTo("node");
            assertThat(desk.path("detail").path("node").path("os").asText()).isEqualTo("linux");
            for (String name : List.of("nats", "jetstream", "postgres")) {
                assertThat(deps.path(name).path("state").asText()).as(name).isEqualTo("healthy");
                assertThat(deps.path(name).path("kind").asText()).as(name).isEqualTo("infrastructure");
                assertThat(deps.path(name).path("consecutive_failures").asInt())
                        .as(name)
                        .isZero();
                assertThat(deps.path(name).path("last_ok").isTextual()).as(name).isTrue();
            }
            assertThat(reply.data().path("overall_state").asText()).isEqualTo("healthy");
        });
    }

    @Test
    void aFailedActionBecomesExactlyOneDeadLetterEvenWhenItsEventArrivesAgain() {
        String node = unique("desk");
        String actionId = ActionIds.next();
        ActionFailed failed = new ActionFailed(
                actionId, "shell.run", node, Execution.failed(ErrorCode.TIMEOUT, "Timed out after 5000 ms", 5000, 2));
        Envelope first = Envelope.of(SOURCE, failed, "it-tester", "it-session");
        Envelope again = Envelope.of(SOURCE, failed, "it-tester", "it-session");

        PublishAck firstAck = bus.publish(failed.natsSubject(), first).join();
        PublishAck duplicateAck = bus.publish(failed.natsSubject(), first).join();
        bus.publish(failed.natsSubject(), again).join();

        assertThat(firstAck.isDuplicate()).isFalse();
        assertThat(duplicateAck.isDuplicate()).isTrue();
        await().atMost(WAIT)
                .until(() -> deadLetteredCausedBy(first.id()) != null && deadLetteredCausedBy(again.id()) != null);
        Envelope announced = deadLetteredCausedBy(first.id());
        assertThat(announced.id()).isEqualTo(actionId + ".dead_lettered");
        assertThat(announced.correlationid()).isEqualTo(first.correlationid());
        ActionDeadLettered event = announced.message(ActionDeadLettered.class);
        assertThat(event.reason()).isEqualTo("TIMEOUT");
        assertThat(deadLetteredCausedBy(again.id())
                        .message(ActionDeadLettered.class)
                        .deadLetterId())
                .isEqualTo(event.deadLetterId());

        Reply page = ask(Subjects.QUERY_DEAD_LETTERS, new ListQuery(Map.of("node", node), 0));
        assertThat(page.ok()).isTrue();
        assertThat(page.data().path("total").asLong()).isEqualTo(1);
        JsonNode letter = page.data().path("dead_letters").path(0);
        assertThat(letter.path("id").asText()).isEqualTo(event.deadLetterId());
        assertThat(letter.path("action_id").asText()).isEqualTo(actionId);
        assertThat(letter.path("intent").asText()).isEqualTo("shell.run");
        assertThat(letter.path("node").asText()).isEqualTo(node);
        assertThat(letter.path("error_code").asText()).isEqualTo("TIMEOUT");
        assertThat(letter.path("error_message").asText()).isEqualTo("Timed out after 5000 ms");
        assertThat(letter.path("failure_class").asText()).isEqualTo("timeout");
        assertThat(letter.path("attempts").asInt()).isEqualTo(3);
        assertThat(letter.path("created_at").isTextual()).isTrue();
        assertThat(letter.path("replayed_at").isNull()).isTrue();
        assertThat(letter.path("replay_action_id").isNull()).isTrue();
        assertThat(letter.path("original").path("id").asText()).isIn(first.id(), again.id());
        assertThat(letter.path("original").path("type").asText()).isEqualTo(first.type());
        assertThat(letter.path("original").path("data").path("action_id").asText())
                .isEqualTo(actionId);
    }

    @Test
    void aDeadLetterCanBeFetchedByIdAndAnUnknownIdIsNotFound() {
        String node = unique("desk");
        String actionId = ActionIds.next();
        ActionFailed failed = new ActionFailed(
                actionId, "app.launch", node, Execution.failed(ErrorCode.EXECUTOR_ERROR, "No such program", 40, 0));
        Envelope envelope = Envelope.of(SOURCE, failed, "it-tester", "it-session");
        bus.publish(failed.natsSubject(), envelope).join();
        await().atMost(WAIT).until(() -> deadLetteredCausedBy(envelope.id()) != null);
        String id = deadLetteredCausedBy(envelope.id())
                .message(ActionDeadLettered.class)
                .deadLetterId();

        Reply found = ask(Subjects.QUERY_DEAD_LETTER, new ByIdQuery(id));
        Reply missing = ask(Subjects.QUERY_DEAD_LETTER, new ByIdQuery("01JNOSUCHDEADLETTER0000000"));

        assertThat(found.ok()).isTrue();
        assertThat(found.data().path("action_id").asText()).isEqualTo(actionId);
        assertThat(found.data().path("failure_class").asText()).isEqualTo("execution_error");
        assertThat(found.data().path("attempts").asInt()).isEqualTo(1);
        assertThat(missing.ok()).isFalse();
        assertThat(missing.error().code()).isEqualTo("NOT_FOUND");
        assertThat(missing.error().message()).isEqualTo("No dead letter with id 01JNOSUCHDEADLETTER0000000");
        Reply filtered = ask(
                Subjects.QUERY_DEAD_LETTERS,
                new ListQuery(Map.of("intent", "app.launch", "node", node, "error_code", "EXECUTOR_ERROR"), 5));
        assertThat(filtered.data().path("total").asLong()).isEqualTo(1);
        Reply badFilter = ask(Subjects.QUERY_DEAD_LETTERS, new ListQuery(Map.of("colour", "red"), 5));
        assertThat(badFilter.error().code()).isEqualTo("BAD_QUERY");
    }

    @Test
    void listsDeadLettersNewestFirstWithinTheLimit() {
        String node = unique("desk");
        for (int i = 0; i < 3; i++) {
            publish(new ActionFailed(
                    ActionIds.next(),
                    "file.write",
                    node,
                    Execution.failed(ErrorCode.CONTENT_MISMATCH, "Read back differs", 15, 0)));
        }
        await().atMost(WAIT)
                .untilAsserted(() -> assertThat(ask(Subjects.QUERY_DEAD_LETTERS, new ListQuery(Map.of("node", node), 0))
                                .data()
                                .path("total")
                                .asLong())
                        .isEqualTo(3));

        Reply page = ask(Subjects.QUERY_DEAD_LETTERS, new ListQuery(Map.of("node", node), 2));

        JsonNode letters = page.data().path("dead_letters");
        assertThat(page.data().path("total").asLong()).isEqualTo(3);
        assertThat(letters.size()).isEqualTo(2);
        assertThat(letters.path(0).path("failure_class").asText()).isEqualTo("content_mismatch");
        assertThat(Instant.parse(letters.path(0).path("created_at").asText()))
                .isAfterOrEqualTo(
                        Instant.parse(letters.path(1).path("created_at").asText()));
    }

    @Test
    void breakersFollowOutcomesAndResetCloses() {
        String node = unique("desk");
        String nodeBreaker = "node:" + node;
        publish(new ActionSucceeded(
                ActionIds.next(), "file.read", node, Execution.succeeded("hello", 30, 0, Map.of())));
        for (int i = 0; i < 5; i++) {
            publish(new ActionFailed(
                    ActionIds.next(), "shell.run", node, Execution.failed(ErrorCode.EXECUTOR_ERROR, "exit 1", 20, 0)));
        }

        await().atMost(WAIT).untilAsserted(() -> {
            JsonNode breakers = ask(Subjects.QUERY_BREAKERS, new ListQuery(Map.of(), 0))
                    .data()
                    .path("breakers");
            assertThat(breakers.path(nodeBreaker + ":file.read").path("state").asText())
                    .isEqualTo("closed");
            assertThat(breakers.path(nodeBreaker + ":shell.run").path("state").asText())
                    .isEqualTo("open");
            assertThat(breakers.path(nodeBreaker).path("state").asText()).isEqualTo("open");
            JsonNode stats = breakers.path(nodeBreaker).path("stats");
            assertThat(stats.path("buffered_calls").asInt()).isEqualTo(5);
            assertThat(stats.path("failed_calls").asInt()).isEqualTo(4);
            assertThat(stats.path("failure_rate").asDouble()).isEqualTo(80.0);
            assertThat(stats.path("not_permitted_calls").asLong()).isEqualTo(1);
        });

        Reply reset = ask(Subjects.QUERY_BREAKER_RESET, new ByIdQuery(nodeBreaker));
        assertThat(reset.ok()).isTrue();
        assertThat(reset.data().path("name").asText()).isEqualTo(nodeBreaker);
        assertThat(reset.data().path("state").asText()).isEqualTo("closed");
        JsonNode after =
                ask(Subjects.QUERY_BREAKERS, new ListQuery(Map.of(), 0)).data().path("breakers");
        assertThat(after.path(nodeBreaker).path("state").asText()).isEqualTo("closed");
        assertThat(after.path(nodeBreaker).path("stats").path("buffered_calls").asInt())
                .isZero();
        assertThat(after.path(nodeBreaker + ":shell.run").path("state").asText())
                .isEqualTo("open");
    }

    @Test
    void aResultOnAnotherNodesSubjectTripsNoBreakerAndKeepsNoDeadLetter() {
        String victim = unique("victim");
        String forger = unique("forger");
        List<Envelope> forged = new java.util.ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ActionFailed failed = new ActionFailed(
                    ActionIds.next(), "shell.run", victim, Execution.failed(ErrorCode.EXECUTOR_ERROR, "exit 1", 20, 0));
            forged.add(publishOn(Subjects.nodeResult("failed", "shell.run", forger), failed));
        }
        publishOn(
                Subjects.nodeResult("succeeded", "shell.run", forger),
                new ActionSucceeded(ActionIds.next(), "shell.run", victim, Execution.succeeded("ok", 5, 0, Map.of())));

        publishOn(
                Subjects.nodeResult("succeeded", "shell.run", victim),
                new ActionSucceeded(ActionIds.next(), "shell.run", victim, Execution.succeeded("ok", 5, 0, Map.of())));
        Envelope genuine = publishOn(
                Subjects.nodeResult("failed", "shell.run", victim),
                new ActionFailed(
                        ActionIds.next(),
                        "shell.run",
                        victim,
                        Execution.failed(ErrorCode.EXECUTOR_ERROR, "exit 1", 20, 0)));

        await().atMost(WAIT).untilAsserted(() -> {
            JsonNode stats = ask(Subjects.QUERY_BREAKERS, new ListQuery(Map.of(), 0))
                    .data()
                    .path("breakers")
                    .path("node:" + victim)
                    .path("stats");
            assertThat(stats.path("buffered_calls").asInt())
                    .as("only the victim's own two results")
                    .isEqualTo(2);
            assertThat(stats.path("failed_calls").asInt()).isEqualTo(1);
        });
        await().atMost(WAIT).until(() -> deadLetteredCausedBy(genuine.id()) != null);
        assertThat(forged)
                .allSatisfy(e -> assertThat(deadLetteredCausedBy(e.id())).isNull());
        assertThat(ask(Subjects.QUERY_DEAD_LETTERS, new ListQuery(Map.of("node", victim), 0))
                        .data()
                        .path("total")
                        .asLong())
                .isEqualTo(1);
    }

    @Test
    void resettingAnUnknownBreakerIsNotFound() {
        Reply reply = ask(Subjects.QUERY_BREAKER_RESET, new ByIdQuery("node:nowhere-at-all"));

        assertThat(reply.ok()).isFalse();
        assertThat(reply.error().code()).isEqualTo("NOT_FOUND");
        assertThat(reply.error().message()).isEqualTo("No breaker named node:nowhere-at-all");
    }

    private Envelope deadLetteredCausedBy(String causeId) {
        String type = MessageTypes.typeOf(new ActionDeadLettered("x", "x", "x", "x"));
        return feed.stream()
                .filter(e -> type.equals(e.type()) && causeId.equals(e.causationid()))
                .findFirst()
                .orElse(null);
    }

    private void publish(ActionEvent event) {
        bus.publish(event.natsSubject(), Envelope.of(SOURCE, event, "it-tester", "it-session"))
                .join();
    }

    private Envelope publishOn(String subject, ActionEvent event) {
        Envelope envelope = Envelope.of(SOURCE, event, "it-tester", "it-session");
        bus.publish(subject, envelope).join();
        return envelope;
    }

    private void beat(Heartbeat heartbeat) {
        bus.connection().publish(Subjects.heartbeat(heartbeat.kind(), heartbeat.id()), Json.bytes(heartbeat));
    }

    private Reply ask(String subject, Object query) {
        return bus.request(subject, query, ASK).join();
    }

    private static String unique(String prefix) {
        return prefix + "-" + ActionIds.next().toLowerCase(Locale.ROOT).substring(16);
    }
}
