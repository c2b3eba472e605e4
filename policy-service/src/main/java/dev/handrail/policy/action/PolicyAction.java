package dev.handrail.policy.action;

import dev.handrail.contracts.action.Decision;
import dev.handrail.contracts.action.Validation;
import dev.handrail.contracts.capability.SensitiveParams;
import dev.handrail.contracts.message.ExecuteCommand;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * One row of {@code policy_actions}: an action as policy planned it, with how planning ended
 * and what became of its approval. Immutable; a change is a new row value.
 *
 * @param params      the params in their at-rest form: sensitive inputs are digests (see {@link SensitiveParams});
 *                    the values live in {@code policy_action_inputs} while the action is pending
 * @param contentHash over the params with their real values, which is what the executor checks
 * @param expiresAt when a pending approval lapses; null for actions that never needed one
 * @param decision  what policy decided when the action was planned; null when it was rejected or a dry run
 */
public record PolicyAction(
        String actionId,
        String intent,
        Map<String, Object> params,
        String node,
        String principal,
        String sessionId,
        long timeoutMs,
        int maxRetries,
        String contentHash,
        Validation validation,
        PolicyActionState state,
        Instant expiresAt,
        String decidedBy,
        Instant decidedAt,
        String comment,
        Decision decision) {

    /**
     * The execute command for this action, bound to the content hash stored when it was planned,
     * with {@code inputs} (the sensitive values) put back into the params; empty when the action
     * has sensitive inputs and {@code inputs} does not hold them all.
     */
    public Optional<ExecuteCommand> toExecuteCommand(Map<String, Object> inputs) {
        Map<String, Object> real = SensitiveParams.restore(params, inputs);
        if (SensitiveParams.holdsDigest(intent, real)) {
            return Optional.empty();
        }
        return Optional.of(new ExecuteCommand(
                actionId, intent, real, node, timeoutMs, maxRetries, contentHash, sessionId, principal));
    }

    /** This action moved to {@code next}, by {@code decidedBy} (null when nobody decided, as on expiry). */
    public PolicyAction moveTo(PolicyActionState next, String decidedBy, Instant decidedAt, String comment) {
        return new PolicyAction(
                actionId,
                intent,
                params,
                node,
                principal,
                sessionId,
                timeoutMs,
                maxRetries,
                contentHash,
                validation,
                next,
                expiresAt,
                decidedBy,
                decidedAt,
                comment,
                decision);
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
