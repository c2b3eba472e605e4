package dev.handrail.gateway.action;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;

/**
 * The body of {@code POST /v1/actions/plan}, field names as Stage 5 clients send them.
 * {@code wait: false} asks for 202 as soon as the plan is accepted. {@code run_id}, {@code step_id}
 * and {@code lease_token} make the action part of a step of a run the caller works on (docs/runs.md).
 */
public record PlanRequest(
        String intent,
        Map<String, Object> params,
        String sessionId,
        String idempotencyKey,
        Boolean dryRun,
        Long timeoutMs,
        Integer maxRetries,
        Map<String, Object> metadata,
        String node,
        @JsonProperty("wait") Boolean waitForOutcome,
        String runId,
        String stepId,
        String leaseToken) {

    /** A plan that is part of no run. */
    public PlanRequest(
            String intent,
            Map<String, Object> params,
            String sessionId,
            String idempotencyKey,
            Boolean dryRun,
            Long timeoutMs,
            Integer maxRetries,
            Map<String, Object> metadata,
            String node,
            Boolean waitForOutcome) {
        this(
                intent,
                params,
                sessionId,
                idempotencyKey,
                dryRun,
                timeoutMs,
                maxRetries,
                metadata,
                node,
                waitForOutcome,
                null,
                null,
                null);
    }

    /** Whether the plan names a run (and must then name its step and lease token too). */
    public boolean inRun() {
        return runId != null || stepId != null || leaseToken != null;
    }
}
