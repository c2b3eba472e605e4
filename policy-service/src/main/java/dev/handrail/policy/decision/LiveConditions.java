package dev.handrail.policy.decision;

import dev.handrail.policy.breaker.BreakerBoard;
import dev.handrail.policy.budget.BudgetCounter;
import dev.handrail.policy.capability.CapabilitySettings;
import dev.handrail.policy.killswitch.KillSwitchBoard;
import dev.handrail.policy.killswitch.KillSwitchState;
import jakarta.inject.Singleton;
import java.util.Optional;

/** The {@link Conditions} of this instance now: its kill-switch board, capability settings, breakers and budget counts. */
@Singleton
public class LiveConditions implements Conditions {

    private final KillSwitchBoard killSwitch;
    private final CapabilitySettings settings;
    private final BreakerBoard breakers;
    private final BudgetCounter budgets;

    public LiveConditions(
            KillSwitchBoard killSwitch, CapabilitySettings settings, BreakerBoard breakers, BudgetCounter budgets) {
        this.killSwitch = killSwitch;
        this.settings = settings;
        this.breakers = breakers;
        this.budgets = budgets;
    }

    @Override
    public Optional<String> killSwitch(String intent, String node) {
        return killSwitch.covering(intent, node).map(KillSwitchState::scope);
    }

    @Override
    public boolean enabled(String intent) {
        return settings.enabled(intent);
    }

    @Override
    public Optional<ApprovalMode> approvalMode(String intent) {
        return settings.approvalMode(intent);
    }

    @Override
    public Optional<String> openBreaker(String node, String intent) {
        return breakers.open(node, intent);
    }

    @Override
    public BudgetUsage budgetUsage(String sessionId, String principal) {
        return budgets.usage(sessionId, principal);
    }
}
