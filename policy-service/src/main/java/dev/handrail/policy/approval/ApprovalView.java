package dev.handrail.policy.approval;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.handrail.contracts.action.Decision;
import dev.handrail.contracts.capability.Capability;
import dev.handrail.contracts.capability.CapabilityCatalogue;
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
 * @param params        in their at-rest form (sensitive inputs as digests)
 * @param pendingInputs the sensitive inputs themselves (what would be typed, put on the clipboard or written),
 *                      shown to the operator deciding on one pending approval; absent from lists and once the
 *                      approval has ended (the values are gone then)
 * @param onHold        pending, and the latest thing that happened to it was a hold
 * @param history       approvals, denials, holds and expiry, oldest first
 */
public record ApprovalView(
        String actionId,
        String intent,
        RiskLevel riskLevel,
        Map<String, Object> params,
        @JsonInclude(JsonInclude.Include.NON_NULL) Map<String, Object> pendingInputs,
        String node,
        String principal,
        String sessionId,
        String state,
        String contentHash,
        Decision decision,
        Instant requestedAt,
        Instant expiresAt,
        String decidedBy,
        Instant decidedAt,
        String comment,
        boolean onHold,
        List<ApprovalEntry> history) {

    public ApprovalView {
        history = List.copyOf(history);
    }

    /** The view of {@code action} with its history, and its pending inputs when they are to be shown (else null). */
    public static ApprovalView of(
            PolicyAction action, Map<String, Object> pendingInputs, Instant requestedAt, List<ApprovalEntry> history) {
        boolean onHold = action.state() == PolicyActionState.PENDING
                && !history.isEmpty()
                && ApprovalEntry.HOLD.equals(history.get(history.size() - 1).verdict());
        RiskLevel risk = CapabilityCatalogue.find(action.intent())
                .map(Capability::riskLevel)
                .orElse(null);
        return new ApprovalView(
                action.actionId(),
                action.intent(),
                risk,
                action.params(),
                pendingInputs == null || pendingInputs.isEmpty() ? null : Map.copyOf(pendingInputs),
                action.node(),
                action.principal(),
                action.sessionId(),
                action.state().wire(),
                action.contentHash(),
                action.decision(),
                requestedAt,
                action.expiresAt(),
                action.decidedBy(),
                action.decidedAt(),
                action.comment(),
                onHold,
                history);
    }
}
