package dev.handrail.audit.redaction;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.handrail.contracts.message.Envelope;
import jakarta.inject.Singleton;
import java.util.Set;

/**
 * Replaces the sensitive values of an envelope (typed text, clipboard contents, file contents)
 * with a {@link SensitiveValues#marker} before it is stored, so neither the chain, the
 * projection, the queries nor the live feed of stored events ever hold them; the hash chain covers
 * the redacted envelope. In an execution output only the sensitive fields are replaced (a
 * {@code file.read} keeps its {@code path} and {@code bytes}); an output that is not an object, as
 * nodes from before outputs were objects sent it, is replaced whole. An envelope with nothing
 * sensitive is returned as it is. Stateless.
 */
@Singleton
public class Redactor {

    private final boolean enabled;

    public Redactor(RedactionConfig config) {
        this.enabled = config.isEnabled();
    }

    /** A redactor that redacts (the default configuration). */
    public static Redactor redacting() {
        return new Redactor(new RedactionConfig());
    }

    /** The envelope as it may be stored. */
    public Envelope redact(Envelope envelope) {
        JsonNode data = envelope.data();
        if (!enabled || data == null || !data.isObject()) {
            return envelope;
        }
        String intent = data.path("intent").asText("");
        Set<String> params = SensitiveValues.PARAMS.getOrDefault(intent, Set.of());
        Set<String> output = SensitiveValues.OUTPUTS.getOrDefault(intent, Set.of());
        if (!needsRedaction(data, params, output)) {
            return envelope;
        }
        ObjectNode copy = data.deepCopy();
        if (copy.get("params") instanceof ObjectNode p) {
            params.forEach(name -> replace(p, name));
        }
        if (!output.isEmpty() && copy.get("execution") instanceof ObjectNode execution) {
            if (execution.get("output") instanceof ObjectNode fields) {
                output.forEach(name -> replace(fields, name));
            } else {
                replace(execution, "output");
            }
        }
        return new Envelope(envelope.specversion(), envelope.id(), envelope.source(), envelope.type(), envelope.subject(),
                envelope.time(), envelope.datacontenttype(), envelope.correlationid(), envelope.causationid(),
                envelope.principal(), envelope.session(), copy);
    }

    private static boolean needsRedaction(JsonNode data, Set<String> params, Set<String> output) {
        if (anySensitive(data.path("params"), params)) {
            return true;
        }
        JsonNode value = data.path("execution").get("output");
        return !output.isEmpty() && value != null && (value.isObject() ? anySensitive(value, output) : sensitive(value));
    }

    private static boolean anySensitive(JsonNode holder, Set<String> names) {
        return names.stream().anyMatch(name -> sensitive(holder.get(name)));
    }

    private static boolean sensitive(JsonNode value) {
        return value != null && !value.isNull() && !SensitiveValues.isMarker(value);
    }

    private static void replace(ObjectNode holder, String name) {
        JsonNode value = holder.get(name);
        if (sensitive(value)) {
            holder.set(name, SensitiveValues.marker(value));
        }
    }
}
