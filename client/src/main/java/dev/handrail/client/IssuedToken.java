package dev.handrail.client;

import com.fasterxml.jackson.databind.JsonNode;

/** A token just issued ({@code POST /v1/tokens}); {@code secret} is shown in this answer only. */
public record IssuedToken(String id, String secret, String principal, String kind, String role, String expiresAt) {

    static IssuedToken of(JsonNode json) {
        return new IssuedToken(
                Json.text(json, "id"),
                Json.text(json, "token"),
                Json.text(json, "principal"),
                Json.text(json, "kind"),
                Json.text(json, "role"),
                Json.text(json, "expires_at"));
    }
}
