package dev.handrail.contracts.message;

import dev.handrail.contracts.action.ActionState;
import dev.handrail.contracts.capability.RiskLevel;
import java.time.Instant;
import java.util.Map;

/**
 * Policy accepted a plan for consideration; carries what was asked, with defaults applied, and
 * {@code params} in their at-rest form (sensitive inputs as digests, see
 * {@link dev.handrail.contracts.capability.SensitiveParams}).
 */
public record ActionPlanned(String actionId, String intent, Map<String, Object> params, String sessionId, String principal,
        String idempotencyKey, boolean dryRun, long timeoutMs, int maxRetries, Map<String, Object> metadata,
        String node, RiskLevel riskLevel, boolean requiresConfirmation, Instant receivedAt) implements ActionEvent {

    @Override
    public ActionState state() {
        return ActionState.PLANNED;
    }
}
