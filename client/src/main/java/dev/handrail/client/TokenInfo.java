package dev.handrail.client;

import com.fasterxml.jackson.databind.JsonNode;

/** A token as {@code GET /v1/tokens} lists it (never its secret). */
public record TokenInfo(
        String id,
        String principal,
        String kind,
        String role,
        String createdAt,
        String expiresAt,
        String revokedAt,
        String createdBy) {

    static TokenInfo of(JsonNode json) {
        return new TokenInfo(
                Json.text(json, "id"),
                Json.text(json, "principal"),
                Json.text(json, "kind"),
                Json.text(json, "role"),
                Json.text(json, "created_at"),
                Json.text(json, "expires_at"),
                Json.text(json, "revoked_at"),
                Json.text(json, "created_by"));
    }
}
