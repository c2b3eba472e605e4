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
 * the redacted envelope. An envelope with nothing sensitive is returned as it is. Stateless.
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
        boolean output = SensitiveValues.OUTPUTS.contains(intent);
        if (!needsRedaction(data, params, output)) {
            return envelope;
        }
        ObjectNode copy = data.deepCopy();
        if (copy.get("params") instanceof ObjectNode p) {
            params.forEach(name -> replace(p, name));
        }
        if (output && copy.get("execution") instanceof ObjectNode execution) {
            replace(execution, "output");
        }
        return new Envelope(envelope.specversion(), envelope.id(), envelope.source(), envelope.type(), envelope.subject(),
                envelope.time(), envelope.datacontenttype(), envelope.correlationid(), envelope.causationid(),
                envelope.principal(), envelope.session(), copy);
    }

    private static boolean needsRedaction(JsonNode data, Set<String> params, boolean output) {
        for (String name : params) {
            if (sensitive(data.path("params").get(name))) {
                return true;
            }
        }
        return output && sensitive(data.path("execution").get("output"));
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
