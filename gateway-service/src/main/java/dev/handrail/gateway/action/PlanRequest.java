package dev.handrail.gateway.action;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;

/**
 * The body of {@code POST /v1/actions/plan}, field names as Stage 5 clients send them.
 * {@code wait: false} asks for 202 as soon as the plan is accepted.
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
        @JsonProperty("wait") Boolean waitForOutcome) {}
