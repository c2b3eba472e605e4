package dev.handrail.policy.action;

import dev.handrail.contracts.action.Decision;
import dev.handrail.contracts.action.Validation;
import dev.handrail.contracts.message.ExecuteCommand;
import java.time.Instant;
import java.util.Map;

/**
 * One row of {@code policy_actions}: an action as policy planned it, with how planning ended
 * and what became of its approval. Immutable; a change is a new row value.
 *
 * @param expiresAt when a pending approval lapses; null for actions that never needed one
 * @param decision  what policy decided when the action was planned; null when it was rejected or a dry run
 */
public record PolicyAction(String actionId, String intent, Map<String, Object> params, String node, String principal,
                           String sessionId, long timeoutMs, int maxRetries, String contentHash, Validation validation,
                           PolicyActionState state, Instant expiresAt, String decidedBy, Instant decidedAt,
                           String comment, Decision decision) {

    /** The execute command for this action, bound to the content hash stored when it was planned. */
    public ExecuteCommand toExecuteCommand() {
        return new ExecuteCommand(actionId, intent, params, node, timeoutMs, maxRetries, contentHash, sessionId, principal);
    }

    /** This action moved to {@code next}, by {@code decidedBy} (null when nobody decided, as on expiry). */
    public PolicyAction moveTo(PolicyActionState next, String decidedBy, Instant decidedAt, String comment) {
        return new PolicyAction(actionId, intent, params, node, principal, sessionId, timeoutMs, maxRetries, contentHash,
                validation, next, expiresAt, decidedBy, decidedAt, comment, decision);
    }

    /** Whether policy admitted the action when it was planned (allowed it or held it for approval): what budgets count. */
    public boolean admitted() {
        return decision != null && decision.effect() != Decision.Effect.DENY;
    }

    /** Whether the approval is past its expiry at {@code now}. */
    public boolean lapsedAt(Instant now) {
        return expiresAt != null && !now.isBefore(expiresAt);
    }
}
