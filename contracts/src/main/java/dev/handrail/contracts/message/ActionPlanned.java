package dev.handrail.contracts.message;

import dev.handrail.contracts.action.ActionState;
import dev.handrail.contracts.capability.RiskLevel;
import java.time.Instant;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Policy accepted a plan for consideration; carries what was asked, with defaults applied, and
 * {@code params} in their at-rest form (sensitive inputs as digests, see
 * {@link dev.handrail.contracts.capability.SensitiveParams}).
 */
public record ActionPlanned(
        String actionId,
        String intent,
        Map<String, Object> params,
        @Nullable String sessionId,
        @Nullable String principal,
        @Nullable String idempotencyKey,
        boolean dryRun,
        long timeoutMs,
        int maxRetries,
        Map<String, Object> metadata,
        @Nullable String node,
        RiskLevel riskLevel,
        boolean requiresConfirmation,
        @Nullable Instant receivedAt)
        implements ActionEvent {

    @Override
    public ActionState state() {
        return ActionState.PLANNED;
    }
}
