package dev.handrail.contracts.message;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.handrail.contracts.run.RunLink;
import java.time.Instant;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Gateway to policy: a client asked for an action. {@code timeoutMs} and {@code maxRetries}
 * are null when the client left them to the capability's defaults. It carries the sensitive
 * inputs as the client sent them, and for an action in a run the worker's lease token
 * ({@code run}); it lives in the work queue only until policy has handled it.
 */
public record PlanCommand(
        String actionId,
        String intent,
        @Nullable Map<String, Object> params,
        @Nullable String sessionId,
        @Nullable String principal,
        @Nullable String idempotencyKey,
        boolean dryRun,
        @Nullable Long timeoutMs,
        @Nullable Integer maxRetries,
        @Nullable Map<String, Object> metadata,
        @Nullable String node,
        @Nullable Instant receivedAt,
        @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable RunLink run)
        implements Command {

    public PlanCommand {
        params = params == null ? Map.of() : params;
        metadata = metadata == null ? Map.of() : metadata;
    }

    /** A plan that is part of no run. */
    public PlanCommand(
            String actionId,
            String intent,
            @Nullable Map<String, Object> params,
            @Nullable String sessionId,
            @Nullable String principal,
            @Nullable String idempotencyKey,
            boolean dryRun,
            @Nullable Long timeoutMs,
            @Nullable Integer maxRetries,
            @Nullable Map<String, Object> metadata,
            @Nullable String node,
            @Nullable Instant receivedAt) {
        this(
                actionId,
                intent,
                params,
                sessionId,
                principal,
                idempotencyKey,
                dryRun,
                timeoutMs,
                maxRetries,
                metadata,
                node,
                receivedAt,
                null);
    }
}
