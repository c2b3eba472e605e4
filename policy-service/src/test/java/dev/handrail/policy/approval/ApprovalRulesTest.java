package dev.handrail.policy.approval;

import static org.assertj.core.api.Assertions.assertThat;

import dev.handrail.contracts.action.Check;
import dev.handrail.contracts.action.Decision;
import dev.handrail.contracts.action.Decision.Effect;
import dev.handrail.contracts.action.Validation;
import dev.handrail.contracts.message.ActionApproved;
import dev.handrail.contracts.message.ActionCancelled;
import dev.handrail.contracts.message.ActionDenied;
import dev.handrail.contracts.message.ApprovalExpired;
import dev.handrail.contracts.message.DecideCommand;
import dev.handrail.contracts.message.DecideCommand.Verdict;
import dev.handrail.contracts.message.DecisionRefused;
import dev.handrail.contracts.message.ExecuteCommand;
import dev.handrail.policy.Policies;
import dev.handrail.policy.action.PolicyAction;
import dev.handrail.policy.action.PolicyActionState;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ApprovalRulesTest {

    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    private static final String ID = "01HQACTION";

    private final ApprovalRules rules = new ApprovalRules(Policies.builtinDecisions(), ApprovalGate.open());

    @Test
    void refusesAnActionPolicyNeverPlanned() {
        Ruling ruling = rules.rule(Optional.empty(), Map.of(), decide(Verdict.APPROVE, "alice"), NOW);

        assertThat(ruling.change()).isNull();
        assertThat(ruling.messages())
                .containsExactly(new DecisionRefused(ID, "NOT_FOUND", "No action " + ID + " is known to policy"));
    }

    @Test
    void approvesAPendingActionAndSendsItToItsNode() {
        PolicyAction pending = action(PolicyActionState.PENDING, null);

        Ruling ruling = rules.rule(Optional.of(pending), Map.of(), decide(Verdict.APPROVE, "alice"), NOW);

        assertThat(ruling.change()).isEqualTo(pending.moveTo(PolicyActionState.APPROVED, "alice", NOW, "looks fine"));
        assertThat(ruling.messages())
                .containsExactly(
                        new ActionApproved(
                                ID,
                                "shell.run",
                                new Decision(Effect.ALLOW, List.of("approved_by_operator"), "builtin-2"),
                                "alice",
                                "looks fine"),
                        new ExecuteCommand(
                                ID, "shell.run", Map.of("command", "ls"), "local", 10_000, 1, "hash-1", "s1", "agent"));
    }

    @Test
    void deniesAPendingAction() {
        PolicyAction pending = action(PolicyActionState.PENDING, null);

        Ruling ruling = rules.rule(Optional.of(pending), Map.of(), decide(Verdict.DENY, "bob"), NOW);

        assertThat(ruling.change()).isEqualTo(pending.moveTo(PolicyActionState.DENIED, "bob", NOW, "looks fine"));
        assertThat(ruling.messages())
                .containsExactly(new ActionDenied(
                        ID,
                        "shell.run",
                        new Decision(Effect.DENY, List.of("denied_by_operator"), "builtin-2"),
                        "bob",
                        "looks fine"));
    }

    @Test
    void expiresAPendingActionDecidedAfterItsApprovalLapsed() {
        PolicyAction lapsed = action(PolicyActionState.PENDING, null);

        Ruling ruling = rules.rule(Optional.of(lapsed), Map.of(), decide(Verdict.APPROVE, "alice"), lapsed.expiresAt());

        assertThat(ruling.change()).extracting(PolicyAction::state).isEqualTo(PolicyActionState.EXPIRED);
        assertThat(ruling.messages()).hasSize(2);
        assertThat(ruling.messages().get(0)).isEqualTo(new ApprovalExpired(ID, "shell.run", lapsed.expiresAt()));
        assertThat(ruling.messages().get(1))
                .isInstanceOfSatisfying(
                        DecisionRefused.class,
                        refused -> assertThat(refused.code()).isEqualTo("APPROVAL_EXPIRED"));
    }

    @Test
    void letsThePlannerWithdrawItsPendingAction() {
        PolicyAction pending = action(PolicyActionState.PENDING, null);

        Ruling ruling = rules.rule(Optional.of(pending), Map.of(), decide(Verdict.CANCEL, "agent"), NOW);

        assertThat(ruling.change()).isEqualTo(pending.moveTo(PolicyActionState.CANCELLED, "agent", NOW, "looks fine"));
        assertThat(ruling.messages()).containsExactly(new ActionCancelled(ID, "shell.run", "agent", NOW, "looks fine"));
    }

    @Test
    void refusesAWithdrawalByAnyoneButThePlannerWithoutNamingThePlanner() {
        Ruling ruling = rules.rule(
                Optional.of(action(PolicyActionState.PENDING, null)), Map.of(), decide(Verdict.CANCEL, "alice"), NOW);

        assertThat(ruling.change()).isNull();
        assertThat(ruling.messages()).singleElement().isInstanceOfSatisfying(DecisionRefused.class, refused -> {
            assertThat(refused.code()).isEqualTo("NOT_PLANNER");
            assertThat(refused.message()).doesNotContain("agent");
        });
    }

    @Test
    void refusesAWithdrawalOnceDecidedOrLapsed() {
        Ruling approved = rules.rule(
                Optional.of(action(PolicyActionState.APPROVED, "alice")),
                Map.of(),
                decide(Verdict.CANCEL, "agent"),
                NOW);
        Ruling allowed = rules.rule(
                Optional.of(action(PolicyActionState.ALLOWED, null)), Map.of(), decide(Verdict.CANCEL, "agent"), NOW);
        PolicyAction lapsed = action(PolicyActionState.PENDING, null);
        Ruling expired = rules.rule(Optional.of(lapsed), Map.of(), decide(Verdict.CANCEL, "agent"), lapsed.expiresAt());

        assertThat(approved.change()).isNull();
        assertThat(approved.messages())
                .extracting(m -> ((DecisionRefused) m).code())
                .containsExactly("ALREADY_DECIDED");
        assertThat(allowed.messages())
                .extracting(m -> ((DecisionRefused) m).code())
                .containsExactly("NOT_PENDING");
        assertThat(expired.change()).extracting(PolicyAction::state).isEqualTo(PolicyActionState.EXPIRED);
    }

    @Test
    void refusesAnApprovalOfAWithdrawnAction() {
        Ruling ruling = rules.rule(
                Optional.of(action(PolicyActionState.CANCELLED, "agent")),
                Map.of(),
                decide(Verdict.APPROVE, "alice"),
                NOW);

        assertThat(ruling.change()).isNull();
        assertThat(ruling.messages())
                .containsExactly(
                        new DecisionRefused(ID, "NOT_PENDING", "Action " + ID + " is cancelled, not pending approval"));
    }

    @Test
    void refusesAnActionPolicyAllowedOutright() {
        Ruling ruling = rules.rule(
                Optional.of(action(PolicyActionState.ALLOWED, null)), Map.of(), decide(Verdict.APPROVE, "alice"), NOW);

        assertThat(ruling.change()).isNull();
        assertThat(ruling.messages())
                .containsExactly(
                        new DecisionRefused(ID, "NOT_PENDING", "Action " + ID + " is allowed, not pending approval"));
    }

    @Test
    void refusesAnExpiredAction() {
        Ruling ruling = rules.rule(
                Optional.of(action(PolicyActionState.EXPIRED, null)), Map.of(), decide(Verdict.APPROVE, "alice"), NOW);

        assertThat(ruling.messages())
                .containsExactly(
                        new DecisionRefused(ID, "NOT_PENDING", "Action " + ID + " is expired, not pending approval"));
    }

    @Test
    void refusesASecondOperatorOnceOneHasDecidedAsAlreadyDecided() {
        Ruling ruling = rules.rule(
                Optional.of(action(PolicyActionState.APPROVED, "alice")),
                Map.of(),
                decide(Verdict.APPROVE, "bob"),
                NOW);

        assertThat(ruling.change()).isNull();
        assertThat(ruling.messages())
                .containsExactly(new DecisionRefused(
                        ID,
                        "ALREADY_DECIDED",
                        "Action " + ID + " was already approved by alice; a decision is taken once"));
    }

    @Test
    void refusesTheSameOperatorChangingTheirMind() {
        Ruling ruling = rules.rule(
                Optional.of(action(PolicyActionState.APPROVED, "alice")), Map.of(), decide(Verdict.DENY, "alice"), NOW);

        assertThat(ruling.messages())
                .singleElement()
                .isInstanceOfSatisfying(
                        DecisionRefused.class,
                        refused -> assertThat(refused.code()).isEqualTo("ALREADY_DECIDED"));
    }

    @Test
    void neverSendsAnApprovedActionToItsNodeAgainWhenTheSameOperatorApprovesAgain() {
        Ruling ruling = rules.rule(
                Optional.of(action(PolicyActionState.APPROVED, "alice")),
                Map.of(),
                decide(Verdict.APPROVE, "alice"),
                NOW);

        assertThat(ruling.change()).isNull();
        assertThat(ruling.messages())
                .singleElement()
                .isInstanceOfSatisfying(
                        DecisionRefused.class,
                        refused -> assertThat(refused.code()).isEqualTo("ALREADY_DECIDED"));
    }

    @Test
    void refusesADenialRepeatedAsAlreadyDecided() {
        Ruling ruling = rules.rule(
                Optional.of(action(PolicyActionState.DENIED, "bob")), Map.of(), decide(Verdict.DENY, "bob"), NOW);

        assertThat(ruling.change()).isNull();
        assertThat(ruling.messages())
                .singleElement()
                .isInstanceOfSatisfying(
                        DecisionRefused.class,
                        refused -> assertThat(refused.code()).isEqualTo("ALREADY_DECIDED"));
    }

    @Test
    void refusesTheActionsOwnPlannerEitherWay() {
        PolicyAction pending = action(PolicyActionState.PENDING, null);

        for (Verdict verdict : List.of(Verdict.APPROVE, Verdict.DENY)) {
            Ruling ruling = rules.rule(Optional.of(pending), Map.of(), decide(verdict, "agent"), NOW);

            assertThat(ruling.change()).isNull();
            assertThat(ruling.messages())
                    .containsExactly(new DecisionRefused(
                            ID,
                            "SELF_APPROVAL",
                            "Action " + ID + " was planned by agent, who may not also decide on it"));
        }
    }

    private static DecideCommand decide(Verdict verdict, String by) {
        return new DecideCommand(ID, verdict, by, "looks fine");
    }

    private static PolicyAction action(PolicyActionState state, String decidedBy) {
        return new PolicyAction(
                ID,
                "shell.run",
                Map.of("command", "ls"),
                "local",
                "agent",
                "s1",
                10_000,
                1,
                "hash-1",
                Validation.of(List.of(Check.pass("capability_exists", "known"))),
                state,
                NOW.plus(Duration.ofMinutes(5)),
                decidedBy,
                decidedBy == null ? null : NOW,
                decidedBy == null ? null : "looks fine",
                new Decision(Effect.REQUIRE_APPROVAL, List.of("risk_requires_approval"), "builtin-2"));
    }
}
