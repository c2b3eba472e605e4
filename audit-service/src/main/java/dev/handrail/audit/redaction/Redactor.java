package dev.handrail.audit.redaction;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.handrail.contracts.capability.SensitiveParams;
import dev.handrail.contracts.message.Envelope;
import jakarta.inject.Singleton;
import java.util.Set;

/**
 * Replaces the sensitive values of an envelope before it is stored, so neither the chain, the
 * projection, the queries nor the live feed of stored events ever hold them; the hash chain covers
 * the redacted envelope. Sensitive inputs arrive as digests already (policy publishes params in
 * their at-rest form), and any that do not are digested here as well, the same way
 * ({@link SensitiveParams#atRest}). In an execution output only the sensitive fields become a
 * {@link SensitiveValues#marker} (a {@code file.read} keeps its {@code path} and {@code bytes}); an
 * output that is not an object, as nodes from before outputs were objects sent it, is replaced
 * whole. An envelope with nothing sensitive is returned as it is. Stateless.
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
    @SuppressWarnings(
            "ReferenceEquality") // atRest answers its argument itself when nothing changed; equals would walk the tree
    public Envelope redact(Envelope envelope) {
        JsonNode data = envelope.data();
        if (!enabled || data == null || !data.isObject()) {
            return envelope;
        }
        JsonNode atRest = SensitiveParams.atRest(data);
        Set<String> output = SensitiveValues.outputs(data.path("intent").asText(""));
        JsonNode value = atRest.path("execution").get("output");
        if (output.isEmpty() || value == null || !(value.isObject() ? anySensitive(value, output) : sensitive(value))) {
            return atRest == data ? envelope : envelope.withData(atRest);
        }
        ObjectNode copy = atRest.deepCopy();
        ObjectNode execution = (ObjectNode) copy.get("execution");
        if (execution.get("output") instanceof ObjectNode fields) {
            output.forEach(name -> replace(fields, name));
        } else {
            replace(execution, "output");
        }
        return envelope.withData(copy);
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
