package dev.handrail.client;

import com.fasterxml.jackson.databind.JsonNode;

/** One engaged kill-switch scope ({@code global}, {@code capability:<intent>} or {@code node:<id>}), why and by whom. */
public record KillSwitchScope(String scope, String reason, String changedBy, String changedAt) {

    static KillSwitchScope of(JsonNode json) {
        return new KillSwitchScope(
                Json.text(json, "scope"),
                Json.text(json, "reason"),
                Json.text(json, "changed_by"),
                Json.text(json, "changed_at"));
    }
}
