package dev.handrail.policy.approval;

import dev.handrail.contracts.action.Decision;
import dev.handrail.contracts.capability.CapabilityCatalogue;
import dev.handrail.contracts.capability.Capability;
import dev.handrail.contracts.capability.RiskLevel;
import dev.handrail.policy.action.PolicyAction;
import dev.handrail.policy.action.PolicyActionState;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One approval as the approvals API shows it: the action it is for, the content hash it is
 * bound to, where it stands, who decided it, and everything that happened to it.
 *
 * @param onHold  pending, and the latest thing that happened to it was a hold
 * @param history approvals, denials, holds and expiry, oldest first
 */
public record ApprovalView(String actionId, String intent, RiskLevel riskLevel, Map<String, Object> params, String node,
                           String principal, String sessionId, String state, String contentHash, Decision decision,
                           Instant requestedAt, Instant expiresAt, String decidedBy, Instant decidedAt, String comment,
                           boolean onHold, List<ApprovalEntry> history) {

    public ApprovalView {
        history = List.copyOf(history);
    }

    /** The view of {@code action} with its history. */
    public static ApprovalView of(PolicyAction action, Instant requestedAt, List<ApprovalEntry> history) {
        boolean onHold = action.state() == PolicyActionState.PENDING && !history.isEmpty()
                && ApprovalEntry.HOLD.equals(history.get(history.size() - 1).verdict());
        RiskLevel risk = CapabilityCatalogue.find(action.intent()).map(Capability::riskLevel).orElse(null);
        return new ApprovalView(action.actionId(), action.intent(), risk, action.params(), action.node(), action.principal(),
                action.sessionId(), action.state().wire(), action.contentHash(), action.decision(), requestedAt,
                action.expiresAt(), action.decidedBy(), action.decidedAt(), action.comment(), onHold, history);
    }
}
