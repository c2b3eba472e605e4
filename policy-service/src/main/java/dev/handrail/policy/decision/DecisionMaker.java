package dev.handrail.policy.decision;

import dev.handrail.contracts.action.Decision;
import dev.handrail.contracts.action.Decision.Effect;
import dev.handrail.contracts.capability.Capability;
import jakarta.inject.Singleton;
import java.util.List;

/**
 * Policy's verdict on a validated action, with reason codes. This first policy follows the
 * catalogue: a capability that needs approval waits for a person, any other is allowed.
 * Stateless.
 */
@Singleton
public class DecisionMaker {

    /** The version of the built-in policy, carried by every decision it makes. */
    public static final String POLICY_VERSION = "builtin-1";

    public static final String RISK_ALLOWS = "risk_allows";
    public static final String RISK_REQUIRES_APPROVAL = "risk_requires_approval";
    public static final String APPROVED_BY_OPERATOR = "approved_by_operator";
    public static final String DENIED_BY_OPERATOR = "denied_by_operator";

    /** Allow, or require approval, for a validated action of this capability. */
    public Decision decide(Capability capability) {
        return capability.requiresApproval()
                ? new Decision(Effect.REQUIRE_APPROVAL, List.of(RISK_REQUIRES_APPROVAL), POLICY_VERSION)
                : new Decision(Effect.ALLOW, List.of(RISK_ALLOWS), POLICY_VERSION);
    }

    /** The decision when a person approved the action. */
    public Decision operatorApproved() {
        return new Decision(Effect.ALLOW, List.of(APPROVED_BY_OPERATOR), POLICY_VERSION);
    }

    /** The decision when a person denied the action. */
    public Decision operatorDenied() {
        return new Decision(Effect.DENY, List.of(DENIED_BY_OPERATOR), POLICY_VERSION);
    }
}
