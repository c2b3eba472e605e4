package dev.handrail.client;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One stored event of the feed ({@code GET /v1/events}, {@code /v1/events/stream}): its seq in the
 * audit store's gap-free sequence, the CloudEvents type, the action and session it belongs to, and
 * the whole JSON in {@code json}.
 */
public record StoredEvent(
        long seq, String type, String actionId, String session, String principal, String time, JsonNode json) {

    static StoredEvent of(JsonNode json) {
        JsonNode envelope = json.path("envelope");
        JsonNode data = envelope.path("data");
        return new StoredEvent(
                json.path("seq").asLong(),
                Json.text(envelope, "type"),
                Json.text(data, "action_id"),
                Json.text(envelope, "session"),
                Json.text(envelope, "principal"),
                Json.text(envelope, "time"),
                json);
    }

    /** The type without its prefix and version, e.g. {@code action.succeeded} for {@code dev.handrail.action.succeeded.v1}. */
    public String shortType() {
        if (type == null) {
            return "";
        }
        String t = type.startsWith("dev.handrail.") ? type.substring("dev.handrail.".length()) : type;
        return t.endsWith(".v1") ? t.substring(0, t.length() - 3) : t;
    }
}
