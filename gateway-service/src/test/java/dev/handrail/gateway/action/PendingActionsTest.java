package dev.handrail.gateway.action;

import static org.assertj.core.api.Assertions.assertThat;

import dev.handrail.contracts.action.ActionState;
import dev.handrail.contracts.action.ActionView;
import dev.handrail.contracts.action.Check;
import dev.handrail.contracts.action.Decision;
import dev.handrail.contracts.action.Execution;
import dev.handrail.contracts.action.Validation;
import dev.handrail.contracts.capability.RiskLevel;
import dev.handrail.contracts.message.ActionApproved;
import dev.handrail.contracts.message.ActionPlanned;
import dev.handrail.contracts.message.ActionSucceeded;
import dev.handrail.contracts.message.ActionValidated;
import dev.handrail.contracts.message.ApprovalRequested;
import dev.handrail.contracts.message.DecisionRefused;
import dev.handrail.contracts.message.Envelope;
import dev.handrail.contracts.message.ExecutionStarted;
import dev.handrail.contracts.message.Message;
import dev.handrail.contracts.message.PlanDeduplicated;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class PendingActionsTest {

    private static final String ID = "01JD7Z3Q4R5S6T7V8W9X0Y1Z2A";
    private static final Decision ALLOW = new Decision(Decision.Effect.ALLOW, List.of("risk_allows"), "builtin-1");

    private final PendingActions pending = new PendingActions();

    @Test
    void planWaitEndsWhenTheActionSucceeds() {
        Envelope command = envelopeOf(null, planned());
        CompletableFuture<Outcome> outcome = pending.awaitPlan(ID, command.id(), Duration.ofSeconds(5));

        pending.accept(envelopeOf(command, planned()));
        pending.accept(envelopeOf(command, new ActionValidated(ID, "file.read", valid(), false)));
        pending.accept(envelopeOf(command, new ActionApproved(ID, "file.read", ALLOW, null, null)));
        pending.accept(envelopeOf(command, new ExecutionStarted(ID, "file.read", "local", 1)));
        assertThat(outcome).isNotDone();
        pending.accept(envelopeOf(
                command, new ActionSucceeded(ID, "file.read", "local", Execution.succeeded("hi", 2, 0, Map.of()))));

        Outcome.Settled settled = (Outcome.Settled) outcome.join();
        assertThat(settled.timedOut()).isFalse();
        assertThat(settled.view().state()).isEqualTo(ActionState.SUCCEEDED);
        assertThat(settled.view().riskLevel()).isEqualTo(RiskLevel.SAFE);
        assertThat(pending.isWaitingFor(ID)).isFalse();
    }

    @Test
    void planWaitEndsAtPendingApproval() {
        Envelope command = envelopeOf(null, planned());
        CompletableFuture<Outcome> outcome = pending.awaitPlan(ID, command.id(), Duration.ofSeconds(5));

        pending.accept(envelopeOf(command, planned()));
        pending.accept(envelopeOf(command, new ActionValidated(ID, "file.read", valid(), false)));
        pending.accept(envelopeOf(
                command,
                new ApprovalRequested(
                        ID,
                        "file.read",
                        new Decision(Decision.Effect.REQUIRE_APPROVAL, List.of("risk_requires_approval"), "builtin-1"),
                        "hash",
                        Instant.now().plusSeconds(300))));

        assertThat(((Outcome.Settled) outcome.join()).view().state()).isEqualTo(ActionState.PENDING_APPROVAL);
    }

    @Test
    void dedupNoticeAnswersOnlyTheCommandItNames() {
        Envelope command = envelopeOf(null, planned());
        CompletableFuture<Outcome> outcome = pending.awaitPlan(ID, command.id(), Duration.ofSeconds(5));

        pending.accept(envelopeOf(envelopeOf(null, planned()), new PlanDeduplicated(ID, "other")));
        assertThat(outcome).isNotDone();
        pending.accept(envelopeOf(command, new PlanDeduplicated(ID, "01JD7Z3Q4R5S6T7V8W9X0Y1Z2B")));

        assertThat(outcome.join()).isEqualTo(new Outcome.Deduplicated("01JD7Z3Q4R5S6T7V8W9X0Y1Z2B"));
    }

    @Test
    void decisionWaitIgnoresAnotherOperatorsRefusalAndEndsOnItsOwnOutcome() {
        Envelope mine = envelopeOf(null, planned());
        Envelope theirs = envelopeOf(null, planned());
        CompletableFuture<Outcome> outcome =
                pending.awaitDecision(ActionView.empty(ID), mine.id(), Duration.ofSeconds(5));

        pending.accept(envelopeOf(theirs, new DecisionRefused(ID, "NOT_PENDING", "already decided")));
        pending.accept(envelopeOf(mine, new ActionApproved(ID, "file.read", ALLOW, "operator", null)));
        pending.accept(envelopeOf(mine, new ExecutionStarted(ID, "file.read", "local", 1)));
        assertThat(outcome).isNotDone();
        pending.accept(envelopeOf(
                mine, new ActionSucceeded(ID, "file.read", "local", Execution.succeeded("ok", 1, 0, Map.of()))));

        assertThat(((Outcome.Settled) outcome.join()).view().state()).isEqualTo(ActionState.SUCCEEDED);
    }

    @Test
    void decisionWaitCompletesAStaleEarlierReadWithTheEventsItSaw() {
        Envelope mine = envelopeOf(null, planned());
        ActionView stale = ActionView.empty(ID).apply(planned(), Instant.now());
        CompletableFuture<Outcome> outcome = pending.awaitDecision(stale, mine.id(), Duration.ofSeconds(5));

        pending.accept(envelopeOf(mine, new ActionApproved(ID, "file.read", ALLOW, "operator", null)));
        pending.accept(envelopeOf(mine, new ExecutionStarted(ID, "file.read", "local", 1)));
        pending.accept(envelopeOf(
                mine, new ActionSucceeded(ID, "file.read", "local", Execution.succeeded("ok", 1, 0, Map.of()))));

        ActionView answer = ((Outcome.Settled) outcome.join()).view();
        assertThat(answer.state()).isEqualTo(ActionState.SUCCEEDED);
        assertThat(answer.riskLevel()).isEqualTo(RiskLevel.SAFE);
        assertThat(answer.decidedBy()).isEqualTo("operator");
        assertThat(answer.transitions()).containsKeys(ActionState.PLANNED, ActionState.SUCCEEDED);
    }

    @Test
    void decisionWaitEndsWithTheRefusalOfItsOwnCommand() {
        Envelope mine = envelopeOf(null, planned());
        CompletableFuture<Outcome> outcome =
                pending.awaitDecision(ActionView.empty(ID), mine.id(), Duration.ofSeconds(5));

        pending.accept(envelopeOf(mine, new DecisionRefused(ID, "NOT_PENDING", "Action is succeeded")));

        assertThat(outcome.join()).isEqualTo(new Outcome.Refused("NOT_PENDING", "Action is succeeded"));
    }

    @Test
    void aWaitThatTimesOutAnswersWithWhatItKnows() {
        Envelope command = envelopeOf(null, planned());
        CompletableFuture<Outcome> outcome = pending.awaitPlan(ID, command.id(), Duration.ofMillis(50));
        pending.accept(envelopeOf(command, planned()));

        Outcome.Settled settled = (Outcome.Settled) outcome.join();

        assertThat(settled.timedOut()).isTrue();
        assertThat(settled.view().state()).isEqualTo(ActionState.PLANNED);
        assertThat(pending.isWaitingFor(ID)).isFalse();
    }

    private static ActionPlanned planned() {
        return new ActionPlanned(
                ID,
                "file.read",
                Map.of("path", "a"),
                "s",
                "p",
                null,
                false,
                1000,
                0,
                Map.of(),
                "local",
                RiskLevel.SAFE,
                false,
                Instant.now());
    }

    private static Validation valid() {
        return Validation.of(List.of(Check.pass("capability_exists", "ok")));
    }

    private static Envelope envelopeOf(Envelope cause, Message message) {
        return cause == null ? Envelope.of("/test", message, "p", "s") : Envelope.causedBy(cause, "/test", message);
    }
}
