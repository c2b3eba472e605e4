package dev.handrail.policy.approval;

import static dev.handrail.contracts.error.ErrorCode.CAPABILITY_DISABLED;
import static dev.handrail.contracts.error.ErrorCode.CIRCUIT_OPEN;
import static dev.handrail.contracts.error.ErrorCode.KILL_SWITCH_ENGAGED;

import dev.handrail.contracts.message.DecisionRefused;
import dev.handrail.policy.action.PolicyAction;
import dev.handrail.policy.breaker.BreakerBoard;
import dev.handrail.policy.capability.CapabilitySettings;
import dev.handrail.policy.killswitch.KillSwitchBoard;
import jakarta.inject.Singleton;
import java.util.Optional;

/**
 * Refuses approvals that must not run now: in the scope of an engaged kill switch
 * ({@value #KILL_SWITCH_ENGAGED}), of a disabled capability ({@value #CAPABILITY_DISABLED}), or
 * for a node whose circuit breaker is open ({@value #CIRCUIT_OPEN}). The approval stays pending,
 * so it can still be denied, or approved once the cause has gone. Stateless.
 */
@Singleton
public class LiveApprovalGate implements ApprovalGate {

    private final KillSwitchBoard killSwitch;
    private final CapabilitySettings settings;
    private final BreakerBoard breakers;

    public LiveApprovalGate(KillSwitchBoard killSwitch, CapabilitySettings settings, BreakerBoard breakers) {
        this.killSwitch = killSwitch;
        this.settings = settings;
        this.breakers = breakers;
    }

    @Override
    public Optional<DecisionRefused> refuseApproval(PolicyAction action) {
        String id = action.actionId();
        Optional<DecisionRefused> killed = killSwitch
                .covering(action.intent(), action.node())
                .map(scope -> new DecisionRefused(
                        id,
                        KILL_SWITCH_ENGAGED,
                        "The kill switch is engaged for " + scope.scope() + "; action " + id
                                + " cannot be approved until it is released"));
        if (killed.isPresent()) {
            return killed;
        }
        if (!settings.enabled(action.intent())) {
            return Optional.of(new DecisionRefused(
                    id,
                    CAPABILITY_DISABLED,
                    "Capability " + action.intent() + " is disabled; action " + id
                            + " cannot be approved until it is enabled"));
        }
        return breakers.open(action.node(), action.intent())
                .map(name -> new DecisionRefused(
                        id,
                        CIRCUIT_OPEN,
                        "Circuit breaker " + name + " is open; action " + id + " cannot be approved until it closes"));
    }
}
