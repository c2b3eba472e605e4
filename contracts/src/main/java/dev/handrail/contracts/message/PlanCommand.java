package dev.handrail.contracts.message;

import java.time.Instant;
import java.util.Map;

/**
 * Gateway to policy: a client asked for an action. {@code timeoutMs} and {@code maxRetries}
 * are null when the client left them to the capability's defaults. It carries the sensitive
 * inputs as the client sent them; it lives in the work queue only until policy has handled it.
 */
public record PlanCommand(
        String actionId,
        String intent,
        Map<String, Object> params,
        String sessionId,
        String principal,
        String idempotencyKey,
        boolean dryRun,
        Long timeoutMs,
        Integer maxRetries,
        Map<String, Object> metadata,
        String node,
        Instant receivedAt) implements Command {

    public PlanCommand {
        params = params == null ? Map.of() : params;
        metadata = metadata == null ? Map.of() : metadata;
    }
}
