package dev.handrail.policy.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.handrail.contracts.Subjects;
import dev.handrail.contracts.action.Decision.Effect;
import dev.handrail.contracts.message.ActionApproved;
import dev.handrail.contracts.message.ActionCancelled;
import dev.handrail.contracts.message.ActionDenied;
import dev.handrail.contracts.message.ActionPlanned;
import dev.handrail.contracts.message.ActionRejected;
import dev.handrail.contracts.message.ActionValidated;
import dev.handrail.contracts.message.ApprovalExpired;
import dev.handrail.contracts.message.ApprovalRequested;
import dev.handrail.contracts.message.ContentHash;
import dev.handrail.contracts.message.DecideCommand;
import dev.handrail.contracts.message.DecideCommand.Verdict;
import dev.handrail.contracts.message.DecisionRefused;
import dev.handrail.contracts.message.ExecuteCommand;
import dev.handrail.contracts.message.Message;
import dev.handrail.contracts.message.PlanCommand;
import dev.handrail.contracts.message.PlanDeduplicated;
import dev.handrail.contracts.query.Reply;
import dev.handrail.policy.PolicyConfig;
import dev.handrail.policy.action.PolicyAction;
import dev.handrail.policy.action.PolicyActionState;
import dev.handrail.policy.action.PolicyActionStore;
import dev.handrail.policy.approval.ApprovalDesk;
import dev.handrail.policy.approval.ApprovalHistory;
import dev.handrail.policy.approval.ApprovalSweeper;
import dev.handrail.policy.approval.ApprovalTraces;
import dev.handrail.policy.approval.ExpiryPublisher;
import dev.handrail.policy.jdbc.Database;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PolicyServiceTest extends TappedPolicyTest {

    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final Duration QUIET = Duration.ofMillis(700);

    @Inject
    ApprovalTraces traces;

    @Inject
    PolicyActionStore actions;

    @Inject
    ApprovalDesk desk;

    @Inject
    Database database;

    @Inject
    ApprovalHistory history;

    @Test
    void allowsASafePlanAndSendsItToTheLocalNode() {
        PlanCommand plan = Driver.plan("file.read", Map.of("path", "/tmp/notes.txt"));
        String id = driver.send(plan);

        awaitExactly(id, "ActionPlanned", "ActionValidated", "ActionApproved", "ExecuteCommand");
        ActionPlanned planned = tap.messages(id, ActionPlanned.class).get(0);
        assertThat(planned.timeoutMs()).isEqualTo(10_000);
        assertThat(planned.node()).isEqualTo("local");
        assertThat(planned.requiresConfirmation()).isFalse();
        ActionApproved approved = tap.messages(id, ActionApproved.class).get(0);
        assertThat(approved.decision().effect()).isEqualTo(Effect.ALLOW);
        assertThat(approved.decision().reasons()).containsExactly("risk_allows");
        assertThat(approved.approvedBy()).isNull();
        EventTap.Seen execute = last(id);
        assertThat(execute.subject()).isEqualTo(Subjects.exec("local"));
        ExecuteCommand command = execute.as(ExecuteCommand.class);
        assertThat(command.contentHash()).isEqualTo(ContentHash.of("file.read", plan.params(), "local"));
        assertThat(ContentHash.matches(command)).isTrue();
        assertThat(command.principal()).isEqualTo(Driver.PRINCIPAL);
        assertThat(command.sessionId()).isEqualTo(Driver.SESSION);
        assertThat(actions.find(id)).map(PolicyAction::state).contains(PolicyActionState.ALLOWED);
    }

    @Test
    void holdsAPlanThatNeedsApprovalWithoutSendingIt() {
        Instant before = Instant.now();
        String id = driver.send(Driver.plan("shell.run", Map.of("command", "ls")));

        awaitExactly(id, "ActionPlanned", "ActionValidated", "ApprovalRequested");
        ApprovalRequested requested = tap.messages(id, ApprovalRequested.class).get(0);
        assertThat(requested.decision().effect()).isEqualTo(Effect.REQUIRE_APPROVAL);
        assertThat(requested.decision().reasons()).containsExactly("risk_requires_approval");
        assertThat(requested.expiresAt())
                .isBetween(before.plusSeconds(299), Instant.now().plusSeconds(300));
        assertThat(requested.contentHash()).isEqualTo(ContentHash.of("shell.run", Map.of("command", "ls"), "local"));
        assertThat(tap.about(id).get(2).subject()).isEqualTo(Subjects.actionEvent("pending_approval", "shell.run"));
        assertThat(actions.find(id)).map(PolicyAction::state).contains(PolicyActionState.PENDING);
    }

    @Test
    void rejectsUnknownIntentWithItsName() {
        String id = driver.send(Driver.plan("x", Map.of()));

        awaitExactly(id, "ActionPlanned", "ActionRejected");
        ActionRejected rejected = tap.messages(id, ActionRejected.class).get(0);
        assertThat(rejected.error().code()).isEqualTo("VALIDATION_FAILED");
        assertThat(rejected.error().message()).isEqualTo("Unknown intent: x");
        assertThat(tap.about(id).get(1).subject()).isEqualTo(Subjects.actionEvent("rejected", "x"));
        assertThat(tap.messages(id, ActionPlanned.class).get(0).riskLevel()).isNull();
    }

    @Test
    void rejectsAPlanMissingARequiredParameter() {
        String id = driver.send(Driver.plan("file.read", Map.of()));

        awaitExactly(id, "ActionPlanned", "ActionRejected");
        assertThat(tap.messages(id, ActionRejected.class).get(0).error().message())
                .isEqualTo("Missing required parameter: path");
        assertThat(actions.find(id)).map(PolicyAction::state).contains(PolicyActionState.REJECTED);
    }

    @Test
    void rejectsAPlanForANodeNeverHeardFrom() {
        PlanCommand onLocal = Driver.plan("file.read", Map.of("path", "/tmp/a"));
        PlanCommand elsewhere = new PlanCommand(
                onLocal.actionId(),
                onLocal.intent(),
                onLocal.params(),
                onLocal.sessionId(),
                onLocal.principal(),
                null,
                false,
                null,
                null,
                Map.of(),
                "elsewhere",
                Instant.now());
        String id = driver.send(elsewhere);

        awaitExactly(id, "ActionPlanned", "ActionRejected");
        assertThat(tap.messages(id, ActionRejected.class).get(0).error().message())
                .isEqualTo("Node elsewhere is unknown or offline");
    }

    @Test
    void endsADryRunAtValidation() {
        String id = driver.send(Driver.plan("shell.run", Map.of("command", "ls"), null, true));

        awaitExactly(id, "ActionPlanned", "ActionValidated");
        assertThat(tap.messages(id, ActionValidated.class).get(0).dryRun()).isTrue();
        assertThat(actions.find(id)).map(PolicyAction::state).contains(PolicyActionState.VALIDATED);
    }

    @Test
    void deduplicatesARepeatedIdempotencyKeyNamingTheFirstAction() {
        String key = "key-" + Instant.now().toEpochMilli();
        String first = driver.send(Driver.plan("file.read", Map.of("path", "/tmp/a"), key, false));
        awaitExactly(first, "ActionPlanned", "ActionValidated", "ActionApproved", "ExecuteCommand");

        String second = driver.send(Driver.plan("file.read", Map.of("path", "/tmp/a"), key, false));

        awaitExactly(second, "PlanDeduplicated");
        assertThat(tap.messages(second, PlanDeduplicated.class)).containsExactly(new PlanDeduplicated(second, first));
        assertThat(tap.about(second).get(0).subject()).isEqualTo(Subjects.NOTICE_PLAN_DEDUPLICATED);
        assertThat(actions.find(second)).isEmpty();
    }

    @Test
    void runsAnApprovedActionWithTheHashItWasApprovedFor() {
        String id = pendingFileWrite();

        driver.decide(id, Verdict.APPROVE, "alice");

        awaitExactly(id, "ActionPlanned", "ActionValidated", "ApprovalRequested", "ActionApproved", "ExecuteCommand");
        ActionApproved approved = tap.messages(id, ActionApproved.class).get(0);
        assertThat(approved.approvedBy()).isEqualTo("alice");
        assertThat(approved.comment()).isEqualTo("checked by alice");
        assertThat(approved.decision().reasons()).containsExactly("approved_by_operator");
        EventTap.Seen execute = last(id);
        assertThat(execute.subject()).isEqualTo(Subjects.exec("local"));
        ExecuteCommand command = execute.as(ExecuteCommand.class);
        assertThat(command.contentHash())
                .isEqualTo(tap.messages(id, ApprovalRequested.class).get(0).contentHash());
        assertThat(ContentHash.matches(command)).isTrue();
        assertThat(command.principal()).isEqualTo(Driver.PRINCIPAL);
        assertThat(actions.find(id)).hasValueSatisfying(row -> {
            assertThat(row.state()).isEqualTo(PolicyActionState.APPROVED);
            assertThat(row.decidedBy()).isEqualTo("alice");
            assertThat(row.decidedAt()).isNotNull();
        });
    }

    @Test
    void deniesAnActionAnOperatorDenied() {
        String id = pendingFileWrite();

        driver.decide(id, Verdict.DENY, "bob");

        awaitExactly(id, "ActionPlanned", "ActionValidated", "ApprovalRequested", "ActionDenied");
        ActionDenied denied = tap.messages(id, ActionDenied.class).get(0);
        assertThat(denied.deniedBy()).isEqualTo("bob");
        assertThat(denied.decision().effect()).isEqualTo(Effect.DENY);
        assertThat(denied.decision().reasons()).containsExactly("denied_by_operator");
        assertThat(actions.find(id)).map(PolicyAction::state).contains(PolicyActionState.DENIED);
    }

    @Test
    void refusesADecisionOnAnActionThatIsNotPending() {
        String id = driver.send(Driver.plan("file.read", Map.of("path", "/tmp/a")));
        awaitExactly(id, "ActionPlanned", "ActionValidated", "ActionApproved", "ExecuteCommand");

        driver.decide(id, Verdict.APPROVE, "alice");

        awaitExactly(id, "ActionPlanned", "ActionValidated", "ActionApproved", "ExecuteCommand", "DecisionRefused");
        assertThat(tap.messages(id, DecisionRefused.class))
                .containsExactly(
                        new DecisionRefused(id, "NOT_PENDING", "Action " + id + " is allowed, not pending approval"));
        assertThat(last(id).subject()).isEqualTo(Subjects.NOTICE_DECISION_REFUSED);
    }

    @Test
    void refusesADecisionOnAnUnknownAction() {
        String id = Driver.plan("file.read", Map.of()).actionId();

        driver.decide(id, Verdict.APPROVE, "alice");

        awaitExactly(id, "DecisionRefused");
        assertThat(tap.messages(id, DecisionRefused.class))
                .containsExactly(new DecisionRefused(id, "NOT_FOUND", "No action " + id + " is known to policy"));
    }

    @Test
    void givesExactlyOneOfTwoConcurrentApprovals() {
        String id = pendingFileWrite();

        CompletableFuture.allOf(
                        CompletableFuture.runAsync(() -> driver.decide(id, Verdict.APPROVE, "alice")),
                        CompletableFuture.runAsync(() -> driver.decide(id, Verdict.APPROVE, "bob")))
                .join();

        await().atMost(WAIT).during(QUIET).untilAsserted(() -> {
            assertThat(tap.messages(id, ActionApproved.class)).hasSize(1);
            assertThat(tap.messages(id, ExecuteCommand.class)).hasSize(1);
            assertThat(tap.messages(id, DecisionRefused.class)).hasSize(1);
        });
        String winner = tap.messages(id, ActionApproved.class).get(0).approvedBy();
        DecisionRefused refused = tap.messages(id, DecisionRefused.class).get(0);
        assertThat(refused.code()).isEqualTo("ALREADY_DECIDED");
        assertThat(actions.find(id)).map(PolicyAction::decidedBy).contains(winner);
    }

    @Test
    void sendsAnApprovedActionToItsNodeOnceWhenTheSameOperatorApprovesAgain() {
        String id = pendingFileWrite();
        driver.decide(id, Verdict.APPROVE, "alice");
        await().atMost(WAIT).until(() -> tap.messages(id, ExecuteCommand.class).size() == 1);

        driver.decide(id, Verdict.APPROVE, "alice");

        await().atMost(WAIT).during(QUIET).untilAsserted(() -> {
            assertThat(tap.messages(id, ActionApproved.class)).hasSize(1);
            assertThat(tap.messages(id, ExecuteCommand.class)).hasSize(1);
            assertThat(tap.messages(id, DecisionRefused.class))
                    .extracting(DecisionRefused::code)
                    .containsExactly("ALREADY_DECIDED");
        });
    }

    @Test
    void refusesADecisionByThePrincipalWhoPlannedTheAction() {
        String id = pendingFileWrite();

        driver.decide(id, Verdict.APPROVE, Driver.PRINCIPAL);

        await().atMost(WAIT)
                .untilAsserted(() -> assertThat(tap.messages(id, DecisionRefused.class))
                        .extracting(DecisionRefused::code)
                        .containsExactly("SELF_APPROVAL"));
        assertThat(tap.messages(id, ExecuteCommand.class)).isEmpty();
        assertThat(actions.find(id)).map(PolicyAction::state).contains(PolicyActionState.PENDING);
    }

    @Test
    void aWithdrawalRacingAnApprovalLetsExactlyOneWinAndRecordsIt() {
        String id = pendingFileWrite();

        CompletableFuture.allOf(
                        CompletableFuture.runAsync(() -> driver.decide(id, Verdict.CANCEL, Driver.PRINCIPAL)),
                        CompletableFuture.runAsync(() -> driver.decide(id, Verdict.APPROVE, "alice")))
                .join();

        await().atMost(WAIT).during(QUIET).untilAsserted(() -> {
            int approved = tap.messages(id, ActionApproved.class).size();
            int cancelled = tap.messages(id, ActionCancelled.class).size();
            assertThat(approved + cancelled).isEqualTo(1);
            assertThat(tap.messages(id, ExecuteCommand.class)).hasSize(approved);
            assertThat(tap.messages(id, DecisionRefused.class)).hasSize(1);
        });
        PolicyActionState state = actions.find(id).orElseThrow().state();
        assertThat(state).isIn(PolicyActionState.APPROVED, PolicyActionState.CANCELLED);
        assertThat(tap.messages(id, DecisionRefused.class).get(0).code()).isIn("ALREADY_DECIDED", "NOT_PENDING");
    }

    @Test
    void answersTheCapabilitiesQueryWithTheNodesThatOfferEach() {
        Reply reply = driver.capabilities();

        assertThat(reply.ok()).isTrue();
        JsonNode capabilities = reply.data().get("capabilities");
        assertThat(capabilities)
                .hasSize(dev.handrail.contracts.capability.CapabilityCatalogue.all()
                        .size());
        JsonNode fileWrite = capabilities.get(1);
        assertThat(fileWrite.get("intent").asText()).isEqualTo("file.write");
        assertThat(fileWrite.get("risk_level").asText()).isEqualTo("medium");
        assertThat(fileWrite.get("requires_approval").asBoolean()).isTrue();
        assertThat(fileWrite.get("implemented").asBoolean()).isTrue();
        assertThat(fileWrite.get("nodes").toString()).isEqualTo("[\"local\"]");
        assertThat(capabilities.get(12).get("implemented").asBoolean()).isFalse();
        assertThat(reply.data().get("stats").get("implemented").asInt()).isEqualTo(3);
        assertThat(reply.data().get("stats").get("by_risk").get("high").asInt()).isEqualTo(4);
    }

    @Test
    void expiresAnApprovalDecidedAfterItLapsed() {
        String id = pendingFileWrite();
        Instant expiresAt = tap.messages(id, ApprovalRequested.class).get(0).expiresAt();
        List<Message> published = new CopyOnWriteArrayList<>();

        desk.decide(new DecideCommand(id, Verdict.APPROVE, "alice", null), expiresAt.plusSeconds(1), published::addAll);

        assertThat(published).hasSize(2);
        assertThat(published.get(0)).isEqualTo(new ApprovalExpired(id, "file.write", expiresAt));
        assertThat(published.get(1))
                .isInstanceOfSatisfying(
                        DecisionRefused.class,
                        refused -> assertThat(refused.code()).isEqualTo("APPROVAL_EXPIRED"));
        assertThat(actions.find(id)).map(PolicyAction::state).contains(PolicyActionState.EXPIRED);
    }

    @Test
    void twoSweepersExpireEachLapsedApprovalOnce() {
        List<String> ids = Stream.generate(this::pendingFileWrite).limit(6).toList();
        Instant later = Instant.now().plus(Duration.ofHours(1));
        PolicyConfig smallBatches = new PolicyConfig();
        smallBatches.setSweepBatch(2);
        List<String> expired = new CopyOnWriteArrayList<>();
        ExpiryPublisher collect =
                expiries -> expiries.forEach(e -> expired.add(e.event().actionId()));
        ApprovalSweeper one = new ApprovalSweeper(database, actions, collect, history, traces, smallBatches);
        ApprovalSweeper two = new ApprovalSweeper(database, actions, collect, history, traces, smallBatches);

        CompletableFuture.allOf(
                        CompletableFuture.runAsync(() -> drain(one, later)),
                        CompletableFuture.runAsync(() -> drain(two, later)))
                .join();

        assertThat(expired).doesNotHaveDuplicates().containsAll(ids);
        assertThat(ids)
                .allSatisfy(id ->
                        assertThat(actions.find(id)).map(PolicyAction::state).contains(PolicyActionState.EXPIRED));
    }

    private static void drain(ApprovalSweeper sweeper, Instant now) {
        while (sweeper.sweep(now) > 0) {
            Thread.onSpinWait();
        }
    }

    private String pendingFileWrite() {
        String id = driver.send(Driver.plan("file.write", Map.of("path", "/tmp/out.txt", "content", "hello")));
        await().atMost(WAIT)
                .untilAsserted(() -> assertThat(tap.kinds(id))
                        .containsExactly("ActionPlanned", "ActionValidated", "ApprovalRequested"));
        return id;
    }

    private void awaitExactly(String id, String... kinds) {
        await().atMost(WAIT)
                .during(QUIET)
                .untilAsserted(() -> assertThat(tap.kinds(id)).containsExactly(kinds));
    }

    private EventTap.Seen last(String id) {
        List<EventTap.Seen> seen = new ArrayList<>(tap.about(id));
        return seen.get(seen.size() - 1);
    }
}
