package dev.handrail.client;

import com.fasterxml.jackson.databind.JsonNode;

/** An approval ({@code GET /v1/approvals[/{id}]}): what is asked, by whom, its state and expiry; the whole JSON in {@code json}. */
public record Approval(
        String actionId,
        String intent,
        String riskLevel,
        String principal,
        String sessionId,
        String state,
        boolean onHold,
        String requestedAt,
        String expiresAt,
        String decidedBy,
        String comment,
        JsonNode json) {

    static Approval of(JsonNode json) {
        return new Approval(
                Json.text(json, "action_id"),
                Json.text(json, "intent"),
                Json.text(json, "risk_level"),
                Json.text(json, "principal"),
                Json.text(json, "session_id"),
                Json.text(json, "state"),
                json.path("on_hold").asBoolean(false),
                Json.text(json, "requested_at"),
                Json.text(json, "expires_at"),
                Json.text(json, "decided_by"),
                Json.text(json, "comment"),
                json);
    }
}
