package dev.handrail.policy.run;

import dev.handrail.contracts.action.Check;
import dev.handrail.contracts.action.Decision;
import dev.handrail.contracts.action.Validation;
import dev.handrail.contracts.error.ErrorCode;
import dev.handrail.contracts.message.PlanCommand;
import dev.handrail.contracts.run.RunLink;
import dev.handrail.policy.RefusedException;
import dev.handrail.policy.action.PolicyAction;
import dev.handrail.policy.decision.Reasons;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;

/**
 * How a plan that names a run and a step is judged: the worker must hold the run's lease (its
 * principal, its token, not expired) and the step must be running, or the plan is rejected
 * (check {@code lease}: {@code LEASE_LOST}; check {@code run}: the run or step is gone or ended);
 * a run whose budget is spent denies what policy would otherwise admit
 * ({@code run_budget_exceeded}). An action that joined is recorded in its step. Plans decided at
 * the same moment do not see each other, so a budget can be overrun by at most the plans in
 * flight at once, as a session's can. Stateless.
 */
@Singleton
public class RunMembership {

    /** The validation check that fails when the lease is not the planner's. */
    public static final String LEASE_CHECK = "lease";

    private static final String RUN_CHECK = "run";

    private final RunBook book;

    public RunMembership(RunBook book) {
        this.book = book;
    }

    /** What a plan's run says about it; {@link Verdict#NONE} when it names none. */
    public Verdict judge(PlanCommand command) {
        RunLink link = command.run();
        if (link == null) {
            return Verdict.NONE;
        }
        String principal = command.principal() == null ? "" : command.principal();
        try {
            RunBook.Membership membership = book.membership(link.runId(), link.stepId(), principal, link.leaseToken());
            return new Verdict(
                    link,
                    Check.pass(RUN_CHECK, "Part of step " + link.stepId() + " of run " + link.runId()),
                    membership.actionsSpent(),
                    membership.timeSpent());
        } catch (RefusedException e) {
            String check = e.code() == ErrorCode.LEASE_LOST ? LEASE_CHECK : RUN_CHECK;
            return new Verdict(link, Check.fail(check, e.getMessage()), false, false);
        }
    }

    /** Records the stored action in its step, if it joined one. */
    public void record(Verdict verdict, PolicyAction stored) {
        if (verdict.joins()) {
            book.link(stored.actionId(), verdict.link().runId(), verdict.link().stepId(), stored.admitted());
        }
    }

    /**
     * A plan's standing in its run.
     *
     * @param check null when the plan names no run
     */
    public record Verdict(RunLink link, Check check, boolean actionsSpent, boolean timeSpent) {

        public static final Verdict NONE = new Verdict(null, null, false, false);

        /** Whether the action joins its step. */
        public boolean joins() {
            return check != null && check.passed();
        }

        /** The plan's validation with this run's check added. */
        public Validation validated(Validation validation) {
            if (check == null) {
                return validation;
            }
            List<Check> checks = new ArrayList<>(validation.checks());
            checks.add(check);
            return Validation.of(checks);
        }

        /** The decision, denied when the run's budget is spent and policy would otherwise admit it. */
        public Decision decided(Decision decision) {
            if (decision == null || decision.effect() == Decision.Effect.DENY || !(actionsSpent || timeSpent)) {
                return decision;
            }
            return new Decision(Decision.Effect.DENY, List.of(Reasons.RUN_BUDGET_EXCEEDED), decision.policyVersion());
        }
    }
}
