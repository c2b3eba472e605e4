package dev.handrail.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.handrail.bus.Bus;
import dev.handrail.contracts.Subjects;
import dev.handrail.contracts.action.ActionIds;
import dev.handrail.contracts.action.ActionView;
import dev.handrail.contracts.action.Execution;
import dev.handrail.contracts.capability.RiskLevel;
import dev.handrail.contracts.capability.SensitiveParams;
import dev.handrail.contracts.error.ErrorCode;
import dev.handrail.contracts.json.Json;
import dev.handrail.contracts.message.ActionFailed;
import dev.handrail.contracts.message.ActionPlanned;
import dev.handrail.contracts.message.Envelope;
import dev.handrail.contracts.message.ExecuteCommand;
import dev.handrail.contracts.message.PlanCommand;
import dev.handrail.contracts.query.ByIdQuery;
import dev.handrail.contracts.query.ListQuery;
import dev.handrail.contracts.query.ReplayRequest;
import dev.handrail.contracts.query.Reply;
import dev.handrail.devkit.Infrastructure;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.nats.client.Dispatcher;
import io.nats.client.JetStreamSubscription;
import io.nats.client.Message;
import io.nats.client.PullSubscribeOptions;
import io.nats.client.api.AckPolicy;
import io.nats.client.api.ConsumerConfiguration;
import io.nats.client.api.PublishAck;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Replays of dead letters (a new plan to policy, at most one per dead letter) and commands
 * JetStream gave up on becoming dead letters. The audit store is stood in for by a responder on
 * the test's own connection that knows the actions the tests planned.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReplayAndAdvisoryIntegrationTest implements TestPropertyProvider {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String SOURCE = "/handrail/health-service-test/replay";

    @Inject
    Bus bus;

    private final TestFeed feed = new TestFeed(Infrastructure.shared().natsUrl());
    private final Map<String, ActionView> audit = new ConcurrentHashMap<>();
    private final List<Envelope> plans = new CopyOnWriteArrayList<>();
    private Dispatcher dispatcher;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(Infrastructure.shared().serviceProperties("health_replay"));
        properties.put("handrail.health.replay.wait", "300ms");
        return properties;
    }

    @BeforeAll
    void standInForAuditAndTapPlans() {
        dispatcher = feed.connection().createDispatcher();
        dispatcher.subscribe(Subjects.QUERY_ACTION, "audit", message -> {
            String id = Json.read(message.getData(), ByIdQuery.class).id();
            ActionView view = audit.get(id);
            Reply reply = view == null ? Reply.error(ErrorCode.NOT_FOUND, "No action " + id) : Reply.ok(view);
            feed.connection().publish(message.getReplyTo(), Json.bytes(reply));
        });
        dispatcher.subscribe(Subjects.CMD_PLAN, message -> plans.add(Envelope.parse(message.getData())));
    }

    @AfterAll
    void stop() throws InterruptedException {
        feed.connection().closeDispatcher(dispatcher);
        feed.close();
    }

    @Test
    void aReplayPlansANewActionThroughPolicyOnBehalfOfTheOperatorAndRecordsTheLink() {
        String node = unique("desk");
        String original = planned("file.read", Map.of("path", "missing.txt"), node);
        String deadLetter = deadLetterOf(
                new ActionFailed(
                        original,
                        "file.read",
                        node,
                        Execution.failed(ErrorCode.FILE_NOT_FOUND, "No such file: missing.txt", 3, 0)),
                node);

        Reply reply = replay(deadLetter, "operator-1");

        assertThat(reply.ok()).isTrue();
        String replayId = reply.data().path("replay_action_id").asText();
        assertThat(replayId).isNotEqualTo(original).hasSize(26);
        assertThat(reply.data().path("dead_letter_id").asText()).isEqualTo(deadLetter);
        assertThat(reply.data().path("original_action_id").asText()).isEqualTo(original);
        assertThat(reply.data().path("state").asText()).isEqualTo("planned");
        assertThat(reply.data().path("repeated").asBoolean()).isFalse();
        await().atMost(WAIT).until(() -> plansFor(replayId).size() == 1);
        Envelope sent = plansFor(replayId).getFirst();
        assertThat(sent.id()).isEqualTo("replay." + deadLetter);
        assertThat(sent.principal()).isEqualTo("operator-1");
        PlanCommand plan = sent.message(PlanCommand.class);
        assertThat(plan.intent()).isEqualTo("file.read");
        assertThat(plan.params()).isEqualTo(Map.of("path", "missing.txt"));
        assertThat(plan.node()).isEqualTo(node);
        assertThat(plan.sessionId()).isEqualTo("s-replay");
        assertThat(plan.principal()).isEqualTo("operator-1");
        assertThat(plan.idempotencyKey()).isEqualTo("replay:" + deadLetter);
        assertThat(plan.dryRun()).isFalse();
        assertThat(plan.metadata()).isEqualTo(Map.of("replay_of", deadLetter, "original_action_id", original));
        JsonNode letter =
                ask(Subjects.QUERY_DEAD_LETTER, new ByIdQuery(deadLetter)).data();
        assertThat(letter.path("replay_action_id").asText()).isEqualTo(replayId);
        assertThat(letter.path("replayed_by").asText()).isEqualTo("operator-1");
        assertThat(letter.path("replayed_at").isTextual()).isTrue();
        assertThat(letter.path("request").path("params").path("path").asText()).isEqualTo("missing.txt");
    }

    @Test
    void replayingTwiceSendsTheSamePlanAgainSoOneDeadLetterMakesOneAction() {
        String node = unique("desk");
        String original = planned("shell.run", Map.of("command", "false"), node);
        String deadLetter = deadLetterOf(
                new ActionFailed(
                        original,
                        "shell.run",
                        node,
                        Execution.failed(ErrorCode.COMMAND_FAILED, "false exited with code 1", 3, 0)),
                node);

        Reply first = replay(deadLetter, "operator-1");
        Reply second = replay(deadLetter, "operator-2");

        String replayId = first.data().path("replay_action_id").asText();
        assertThat(second.data().path("replay_action_id").asText()).isEqualTo(replayId);
        assertThat(second.data().path("repeated").asBoolean()).isTrue();
        assertThat(second.data().path("replayed_by").asText()).isEqualTo("operator-1");
        await().atMost(WAIT).until(() -> plansFor(replayId).size() == 2);
        assertThat(plansFor(replayId)).extracting(Envelope::id).containsOnly("replay." + deadLetter);
        assertThat(plansFor(replayId))
                .extracting(e -> e.message(PlanCommand.class).principal())
                .containsOnly("operator-1");
        assertThat(plans)
                .filteredOn(e -> e.message(PlanCommand.class).idempotencyKey().equals("replay:" + deadLetter))
                .extracting(Envelope::subject)
                .containsOnly(replayId);
    }

    @Test
    void anUnknownDeadLetterIsNotFoundAndOneWhoseRequestIsUnknownIsNotReplayable() {
        String node = unique("desk");
        String unknownToAudit = ActionIds.next();
        String deadLetter = deadLetterOf(
                new ActionFailed(unknownToAudit, "file.read", node, Execution.failed(ErrorCode.IO_ERROR, "disk", 3, 0)),
                node);

        Reply missing = replay("01JNOSUCHDEADLETTER0000000", "operator-1");
        Reply notReplayable = replay(deadLetter, "operator-1");

        assertThat(missing.error().code()).isEqualTo("NOT_FOUND");
        assertThat(missing.error().message()).isEqualTo("No dead letter with id 01JNOSUCHDEADLETTER0000000");
        assertThat(notReplayable.error().code()).isEqualTo("NOT_REPLAYABLE");
        assertThat(ask(Subjects.QUERY_DEAD_LETTER, new ByIdQuery(deadLetter))
                        .data()
                        .path("replay_action_id")
                        .isNull())
                .isTrue();
    }

    @Test
    void aCommandJetStreamGaveUpOnBecomesADeadLetterAndLeavesTheWorkQueue() throws Exception {
        String node = unique("desk");
        String actionId = ActionIds.next();
        ExecuteCommand command = new ExecuteCommand(
                actionId, "file.read", Map.of("path", "x.txt"), node, 5000, 1, "ab12", "s-advisory", "agent-7");

        PublishAck stored = giveUp(command);

        JsonNode letter = deadLetters(node).getFirst();
        assertThat(letter.path("action_id").asText()).isEqualTo(actionId);
        assertThat(letter.path("failure_class").asText()).isEqualTo("max_deliveries");
        assertThat(letter.path("error_code").asText()).isEqualTo("MAX_DELIVERIES");
        assertThat(letter.path("attempts").asInt()).isEqualTo(2);
        assertThat(letter.path("intent").asText()).isEqualTo("file.read");
        assertThat(letter.path("original").path("type").asText()).isEqualTo("dev.handrail.command.execute.v1");
        assertThat(letter.path("request").path("params").path("path").asText()).isEqualTo("x.txt");
        await().atMost(WAIT)
                .untilAsserted(() -> assertThat(feed.stored("handrail.v1.events.action.*.file.read"))
                        .filteredOn(e -> actionId.equals(e.subject()))
                        .extracting(Envelope::id)
                        .containsExactly(actionId + ".failed", actionId + ".dead_lettered"));
        assertThat(Envelope.parse(feed.connection()
                                .jetStreamManagement()
                                .getMessage(Subjects.STREAM_COMMANDS, stored.getSeqno())
                                .getData())
                        .subject())
                .as("health may not delete from the command stream; the command stays for an administrator")
                .isEqualTo(actionId);
    }

    @Test
    void aCommandGivenUpOnKeepsItsSensitiveInputOnlyAsADigestAndCannotBeReplayed() throws Exception {
        String node = unique("desk");
        String marker = "MARKER-" + System.nanoTime();
        ExecuteCommand command = new ExecuteCommand(
                ActionIds.next(),
                "file.write",
                Map.of("path", "x.txt", "content", marker),
                node,
                5000,
                1,
                "ab12",
                "s-advisory",
                "agent-7");

        giveUp(command);

        JsonNode letter = deadLetters(node).getFirst();
        assertThat(letter.toString()).doesNotContain(marker);
        assertThat(letter.path("request")
                        .path("params")
                        .path("content")
                        .path("sha256")
                        .asText())
                .isEqualTo(SensitiveParams.digest(marker).get("sha256"));
        assertThat(letter.path("original")
                        .path("data")
                        .path("params")
                        .path("content")
                        .path("redacted")
                        .asBoolean())
                .isTrue();
        Reply refused = replay(letter.path("id").asText(), "operator-1");
        assertThat(refused.error().code()).isEqualTo("SENSITIVE_INPUTS_GONE");
        assertThat(refused.error().message()).contains("content of file.write", "plan the action again");
    }

    /** Plays an executor that keeps refusing {@code command} until JetStream gives up on it and health dead-letters it. */
    private PublishAck giveUp(ExecuteCommand command) throws Exception {
        String node = command.node();
        ConsumerConfiguration consumer = ConsumerConfiguration.builder()
                .durable(Subjects.durableExecutor(node))
                .filterSubject(Subjects.exec(node))
                .ackPolicy(AckPolicy.Explicit)
                .maxDeliver(2)
                .ackWait(Duration.ofSeconds(30))
                .build();
        JetStreamSubscription executor = feed.connection()
                .jetStream()
                .subscribe(
                        Subjects.exec(node),
                        PullSubscribeOptions.builder().configuration(consumer).build());
        PublishAck stored = bus.publish(Subjects.exec(node), Envelope.of(SOURCE, command, "agent-7", "s-advisory"))
                .join();
        await().atMost(WAIT).until(() -> {
            for (Message m : executor.fetch(1, Duration.ofMillis(200))) {
                m.nak();
            }
            return deadLetters(node).size() == 1;
        });
        executor.unsubscribe();
        feed.connection()
                .jetStreamManagement()
                .deleteConsumer(Subjects.STREAM_COMMANDS, Subjects.durableExecutor(node));
        return stored;
    }

    private String planned(String intent, Map<String, Object> params, String node) {
        String id = ActionIds.next();
        ActionPlanned planned = new ActionPlanned(
                id,
                intent,
                params,
                "s-replay",
                "agent-7",
                null,
                false,
                5000,
                0,
                Map.of(),
                node,
                RiskLevel.SAFE,
                false,
                Instant.now());
        audit.put(id, ActionView.empty(id).apply(planned, Instant.now()));
        return id;
    }

    private String deadLetterOf(ActionFailed failed, String node) {
        bus.publish(failed.natsSubject(), Envelope.of(SOURCE, failed, "agent-7", "s-replay"))
                .join();
        await().atMost(WAIT).until(() -> deadLetters(node).size() == 1);
        return deadLetters(node).getFirst().path("id").asText();
    }

    private List<JsonNode> deadLetters(String node) {
        Reply page = ask(Subjects.QUERY_DEAD_LETTERS, new ListQuery(Map.of("node", node), 10));
        return java.util.stream.StreamSupport.stream(
                        page.data().path("dead_letters").spliterator(), false)
                .toList();
    }

    private List<Envelope> plansFor(String actionId) {
        return plans.stream().filter(e -> actionId.equals(e.subject())).toList();
    }

    private Reply replay(String deadLetterId, String principal) {
        return ask(Subjects.QUERY_DEAD_LETTER_REPLAY, new ReplayRequest(deadLetterId, principal));
    }

    private Reply ask(String subject, Object query) {
        return bus.request(subject, query, Duration.ofSeconds(5)).join();
    }

    private static String unique(String prefix) {
        return prefix + "-" + ActionIds.next().toLowerCase(Locale.ROOT).substring(16);
    }
}
