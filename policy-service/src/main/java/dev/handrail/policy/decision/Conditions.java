package dev.handrail.policy.decision;

import java.util.Optional;

/**
 * What a decision needs to know of the moment: kill switches, capability settings, circuit
 * breakers and how much of their budgets a session and a principal have used. The budget
 * methods may ask the database, so they are asked only when a budget could decide.
 */
public interface Conditions {

    /** The kill-switch scope covering this capability on this node, if one is engaged. */
    Optional<String> killSwitch(String intent, String node);

    /** Whether the capability is enabled. */
    boolean enabled(String intent);

    /** The approval mode an operator set for the capability, if any. */
    Optional<ApprovalMode> approvalMode(String intent);

    /** The open circuit breaker for this node or this node and capability, if any. */
    Optional<String> openBreaker(String node, String intent);

    /**
     * Actions admitted so far in {@code sessionId} and for {@code principal} in the last 60
     * seconds, in one look; a null session or principal counts 0.
     */
    BudgetUsage budgetUsage(String sessionId, String principal);

    /** How much of its budgets a session and a principal have used. */
    record BudgetUsage(long sessionActions, long principalActionsLastMinute) {
        public static final BudgetUsage NONE = new BudgetUsage(0, 0);
    }

    /** Nothing engaged, disabled, open or spent: the policy file alone decides (what-if). */
    static Conditions none() {
        return new Conditions() {
            @Override
            public Optional<String> killSwitch(String intent, String node) {
                return Optional.empty();
            }

            @Override
            public boolean enabled(String intent) {
                return true;
            }

            @Override
            public Optional<ApprovalMode> approvalMode(String intent) {
                return Optional.empty();
            }

            @Override
            public Optional<String> openBreaker(String node, String intent) {
                return Optional.empty();
            }

            @Override
            public BudgetUsage budgetUsage(String sessionId, String principal) {
                return BudgetUsage.NONE;
            }
        };
    }
}
