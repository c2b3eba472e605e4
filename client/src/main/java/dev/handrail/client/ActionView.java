package dev.handrail.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Set;

/**
 * An action as the API answers it (a plan or decision answer, a list entry, or the {@code action}
 * of {@code GET /v1/actions/{id}}): the fields a caller branches on, and the whole JSON in {@code json}.
 */
public record ActionView(
        String actionId,
        String intent,
        String state,
        String riskLevel,
        String sessionId,
        String node,
        String createdAt,
        String errorCode,
        String errorMessage,
        JsonNode json) {

    private static final Set<String> FINAL =
            Set.of("succeeded", "failed", "rejected", "denied", "expired", "dead_lettered", "cancelled", "validated");
    private static final Set<String> BAD =
            Set.of("failed", "rejected", "denied", "expired", "dead_lettered", "cancelled");

    static ActionView of(JsonNode json) {
        JsonNode error = json.path("error");
        return new ActionView(
                Json.text(json, "action_id"),
                Json.text(json, "intent"),
                Json.text(json, "state"),
                Json.text(json, "risk_level"),
                Json.text(json, "session_id"),
                Json.text(json, "node"),
                Json.text(json, "created_at"),
                Json.text(error, "code"),
                Json.text(error, "message"),
                json);
    }

    /** Whether the action will not change state any more (a dry run ends validated). */
    public boolean settled() {
        return state != null && FINAL.contains(state);
    }

    /**
     * Whether the action was refused or did not do what was asked (rejected, denied, expired,
     * failed, dead-lettered, or cancelled by its planner).
     */
    public boolean refusedOrFailed() {
        return state != null && BAD.contains(state);
    }
}
