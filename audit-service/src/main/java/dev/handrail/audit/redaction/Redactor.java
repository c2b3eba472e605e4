package dev.handrail.audit.redaction;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.handrail.contracts.capability.SensitiveParams;
import dev.handrail.contracts.message.Envelope;
import jakarta.inject.Singleton;

/**
 * Replaces the sensitive values of an envelope before it is stored, so neither the chain, the
 * projection, the queries nor the live feed of stored events ever hold them; the hash chain covers
 * the redacted envelope. Outputs (what {@code file.read} or {@code clipboard.read} returned) become
 * a {@link SensitiveValues#marker}; sensitive inputs arrive as digests already (policy publishes
 * params in their at-rest form), and any that do not are digested here as well, the same way
 * ({@link SensitiveParams#atRest}). An envelope with nothing sensitive is returned as it is. Stateless.
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
        JsonNode atRest = SensitiveParams.atRest(data);
        boolean output = SensitiveValues.OUTPUTS.contains(data.path("intent").asText(""));
        if (!output || !sensitive(atRest.path("execution").get("output"))) {
            return atRest == data ? envelope : envelope.withData(atRest);
        }
        ObjectNode copy = atRest.deepCopy();
        replace((ObjectNode) copy.get("execution"), "output");
        return envelope.withData(copy);
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
