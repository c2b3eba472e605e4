package dev.handrail.contracts.capability;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.handrail.contracts.json.Json;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The at-rest form of an action's parameters: every sensitive input of its capability
 * ({@link Capability#sensitiveParams}) replaced by a digest
 * {@code {"redacted": true, "sha256": "<hex>", "length": <n>}}. For text (what every sensitive
 * parameter must be), {@code sha256} and {@code length} are over its UTF-8 bytes, so a digested
 * {@code file.write} content carries the same digest as the file the executor reports; any other
 * value (which validation rejects) is digested over its JSON text. Events, tables and dead letters
 * hold this form; only the execute command carries the values. Stateless.
 */
public final class SensitiveParams {

    /** Key of the digest object that marks it as standing for a value. */
    public static final String REDACTED = "redacted";
    /** Key of the SHA-256 hex digest in a digest object. */
    public static final String SHA256 = "sha256";
    /** Key of the length in UTF-8 bytes in a digest object. */
    public static final String LENGTH = "length";

    private SensitiveParams() {}

    /** The sensitive parameters of {@code intent}; none for an unknown intent. */
    public static Set<String> of(String intent) {
        return CapabilityCatalogue.find(intent).map(Capability::sensitiveParams).orElse(Set.of());
    }

    /**
     * {@code params} as they may be kept: each sensitive value replaced by its digest. Values that
     * are null or already digests stay as they are; params without sensitive values are returned
     * unchanged.
     */
    public static Map<String, Object> atRest(String intent, Map<String, Object> params) {
        if (params == null || inputs(intent, params).isEmpty()) {
            return params;
        }
        Set<String> sensitive = of(intent);
        Map<String, Object> copy = new LinkedHashMap<>();
        params.forEach((name, value) ->
                copy.put(name, sensitive.contains(name) && needsDigest(value) ? digest(value) : value));
        return copy;
    }

    /**
     * A message's data (an object with {@code intent} and {@code params}, as events, commands and
     * dead letters hold it) with its params in their at-rest form; the same node when it holds no
     * sensitive value.
     */
    public static JsonNode atRest(JsonNode data) {
        if (data == null || !(data.get("params") instanceof ObjectNode params)) {
            return data;
        }
        ObjectNode copy = null;
        for (String name : of(data.path("intent").asText(""))) {
            JsonNode value = params.get(name);
            if (value != null && !value.isNull() && !isDigest(Json.mapper().convertValue(value, Object.class))) {
                copy = copy == null ? data.deepCopy() : copy;
                Object plain =
                        value.isTextual() ? value.textValue() : Json.mapper().convertValue(value, Object.class);
                ((ObjectNode) copy.get("params")).set(name, Json.mapper().valueToTree(digest(plain)));
            }
        }
        return copy == null ? data : copy;
    }

    /** The sensitive values {@code params} carry (not digests, not null), by parameter name. */
    public static Map<String, Object> inputs(String intent, Map<String, Object> params) {
        Map<String, Object> inputs = new LinkedHashMap<>();
        if (params != null) {
            for (String name : of(intent)) {
                Object value = params.get(name);
                if (needsDigest(value)) {
                    inputs.put(name, value);
                }
            }
        }
        return inputs;
    }

    /** The params an action was planned with: {@code atRest} with the digests of {@code inputs} put back as values. */
    public static Map<String, Object> restore(Map<String, Object> atRest, Map<String, Object> inputs) {
        if (inputs == null || inputs.isEmpty()) {
            return atRest;
        }
        Map<String, Object> params = new LinkedHashMap<>(atRest);
        params.putAll(inputs);
        return params;
    }

    /** Whether a sensitive parameter of {@code intent} holds a digest rather than a value: its inputs are not all there. */
    public static boolean holdsDigest(String intent, @Nullable Map<String, Object> params) {
        return params != null && of(intent).stream().map(params::get).anyMatch(SensitiveParams::isDigest);
    }

    /** Whether a value is a digest object (digesting twice changes nothing). */
    public static boolean isDigest(Object value) {
        return value instanceof Map<?, ?> map
                && Boolean.TRUE.equals(map.get(REDACTED))
                && map.get(SHA256) instanceof String;
    }

    /** The digest object standing for {@code value}. */
    public static Map<String, Object> digest(Object value) {
        byte[] bytes = value instanceof String text ? text.getBytes(StandardCharsets.UTF_8) : Json.bytes(value);
        Map<String, Object> digest = new LinkedHashMap<>();
        digest.put(REDACTED, true);
        digest.put(SHA256, HexFormat.of().formatHex(sha256().digest(bytes)));
        digest.put(LENGTH, bytes.length);
        return digest;
    }

    private static boolean needsDigest(@Nullable Object value) {
        return value != null && !isDigest(value);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("This JVM has no SHA-256", e);
        }
    }
}
