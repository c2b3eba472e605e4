package dev.handrail.audit.redaction;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.handrail.audit.chain.CanonicalJson;
import dev.handrail.contracts.capability.Capability;
import dev.handrail.contracts.capability.CapabilityCatalogue;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Set;

/**
 * Which outputs of which capabilities are sensitive (the capability catalogue declares them, as it
 * declares the sensitive inputs), and the marker that replaces one:
 * {@code {"redacted": true, "sha256": "<hex>", "length": <n>}}. For a string, {@code sha256} and
 * {@code length} are over its UTF-8 bytes (so a redacted {@code file.write} content carries the
 * same digest as the file the executor reports in its evidence); for any other JSON value, over its
 * RFC 8785 canonical text. Stateless.
 */
public final class SensitiveValues {

    /** The fields of {@code intent}'s execution output that are sensitive, as its catalogue entry declares them. */
    static Set<String> outputs(String intent) {
        return CapabilityCatalogue.find(intent)
                .map(Capability::sensitiveOutputs)
                .orElse(Set.of());
    }

    private SensitiveValues() {}

    /** Whether a value is already a redaction marker (redacting twice changes nothing). */
    public static boolean isMarker(JsonNode value) {
        return value != null && value.isObject() && value.path("redacted").asBoolean(false) && value.has("sha256");
    }

    /** The marker standing for {@code value}. */
    public static ObjectNode marker(JsonNode value) {
        byte[] bytes = value.isTextual()
                ? value.textValue().getBytes(StandardCharsets.UTF_8)
                : CanonicalJson.of(value.toString()).getBytes(StandardCharsets.UTF_8);
        ObjectNode marker = JsonNodeFactory.instance.objectNode();
        marker.put("redacted", true);
        marker.put("sha256", HexFormat.of().formatHex(sha256().digest(bytes)));
        marker.put("length", bytes.length);
        return marker;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("This JVM has no SHA-256", e);
        }
    }
}
