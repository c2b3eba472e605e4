package dev.handrail.policy.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import dev.handrail.contracts.error.ErrorCode;
import dev.handrail.policy.RefusedException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Optional;

/**
 * Reads the fields of a run request's body, each checked with a message that names the field
 * and what it takes; unknown fields are ignored. Stateless.
 */
final class RunInput {

    static final int MAX_TITLE = 200;
    static final int MAX_NAME = 200;
    static final int MAX_ID = 128;
    static final int MAX_TEXT = 4_000;
    static final int MAX_JSON = 64 * 1024;
    static final int MAX_ARTIFACT = 1024 * 1024;
    static final int TTL_DEFAULT_S = 60;
    static final int TTL_MIN_S = 5;
    static final int TTL_MAX_S = 3_600;
    static final int MAX_ACTIONS = 1_000_000;
    static final int MAX_DURATION_S = 7 * 24 * 3_600;

    private final JsonNode body;

    RunInput(JsonNode body) {
        this.body = body == null ? NullNode.getInstance() : body;
    }

    /** The run's title: required, 1 to 200 characters. */
    String title() {
        JsonNode value = body.get("title");
        if (value != null && !value.isNull() && !value.isTextual()) {
            throw new RefusedException(ErrorCode.INVALID_BODY, "Field title must be a string");
        }
        String title = value == null || value.isNull() ? "" : value.asText().strip();
        if (title.isEmpty() || title.length() > MAX_TITLE) {
            throw new RefusedException(
                    ErrorCode.INVALID_TITLE, "A run needs a title of 1 to " + MAX_TITLE + " characters");
        }
        return title;
    }

    /** A required short name (a step's, a tool call's, an artifact's). */
    String name() {
        String name = text("name", MAX_NAME).orElse("").strip();
        if (name.isEmpty()) {
            throw invalid("name is required: 1 to " + MAX_NAME + " characters");
        }
        return name;
    }

    /** The lease token the claim gave; required for every change a worker makes. */
    String leaseToken() {
        return text("lease_token", MAX_ID)
                .filter(t -> !t.isBlank())
                .orElseThrow(() -> invalid("lease_token is required: send the token POST /v1/runs/claim gave"));
    }

    /** How long a lease lasts: {@code ttl_s}, default 60 s, clamped to 5..3600. */
    int ttlSeconds() {
        JsonNode ttl = body.get("ttl_s");
        if (ttl == null || ttl.isNull()) {
            return TTL_DEFAULT_S;
        }
        if (!ttl.canConvertToInt() || !ttl.isIntegralNumber()) {
            throw invalid("ttl_s must be a whole number of seconds (" + TTL_MIN_S + " to " + TTL_MAX_S + ")");
        }
        return Math.clamp(ttl.asInt(), TTL_MIN_S, TTL_MAX_S);
    }

    /** A positive whole number under {@code budget}, if given. */
    Integer budget(String field, int max) {
        JsonNode budget = body.get("budget");
        if (budget == null || budget.isNull()) {
            return null;
        }
        if (!budget.isObject()) {
            throw invalid("budget must be an object: {\"max_actions\": n, \"max_duration_s\": s}");
        }
        JsonNode value = budget.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isIntegralNumber() || !value.canConvertToInt() || value.asInt() < 1 || value.asInt() > max) {
            throw invalid("budget." + field + " must be a whole number from 1 to " + max);
        }
        return value.asInt();
    }

    /** An optional text field of at most {@code max} characters. */
    Optional<String> text(String field, int max) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isTextual()) {
            throw new RefusedException(ErrorCode.INVALID_BODY, "Field " + field + " must be a string");
        }
        if (value.asText().length() > max) {
            throw invalid(field + " must be at most " + max + " characters");
        }
        return Optional.of(value.asText());
    }

    /** An optional JSON value of at most 64 KiB, as JSON text. */
    Optional<String> json(String field) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        String json = value.toString();
        if (json.length() > MAX_JSON) {
            throw invalid(field + " must be at most " + MAX_JSON + " bytes of JSON");
        }
        return Optional.of(json);
    }

    /** An artifact's kind and content: text, any JSON value, or an absolute URI. */
    Artifact artifact() {
        String kind = text("kind", 16).orElseThrow(() -> invalid("kind is required: text, json or uri"));
        JsonNode content = body.get("content");
        if (content == null || content.isNull()) {
            throw invalid("content is required");
        }
        String stored = switch (kind) {
            case "text", "uri" -> {
                if (!content.isTextual()) {
                    throw new RefusedException(
                            ErrorCode.INVALID_BODY, "content of a " + kind + " artifact must be a string");
                }
                yield content.asText();
            }
            case "json" -> content.toString();
            default -> throw invalid("kind must be text, json or uri, not '" + kind + "'");
        };
        if (stored.length() > MAX_ARTIFACT) {
            throw invalid("content must be at most " + MAX_ARTIFACT + " characters");
        }
        if (kind.equals("uri")) {
            try {
                if (!new URI(stored).isAbsolute()) {
                    throw invalid("content of a uri artifact must be an absolute URI, like https://example.org/report");
                }
            } catch (URISyntaxException e) {
                throw invalid("content of a uri artifact is not a URI: " + e.getReason());
            }
        }
        return new Artifact(kind, stored);
    }

    /** An artifact's kind and its content as stored. */
    record Artifact(String kind, String content) {}

    private static RefusedException invalid(String message) {
        return new RefusedException(ErrorCode.VALIDATION_FAILED, message);
    }
}
