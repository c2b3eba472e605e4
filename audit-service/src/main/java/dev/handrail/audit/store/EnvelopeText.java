package dev.handrail.audit.store;

import dev.handrail.audit.chain.CanonicalJson;
import dev.handrail.contracts.message.Envelope;
import java.nio.charset.StandardCharsets;

/**
 * An envelope as the text stored in {@code events.envelope} and as the canonical text its hash
 * is computed over. Immutable.
 */
record EnvelopeText(String json, String canonical) {

    static EnvelopeText of(Envelope envelope) {
        String json = new String(envelope.toBytes(), StandardCharsets.UTF_8);
        return new EnvelopeText(json, CanonicalJson.of(json));
    }

    /**
     * Whether PostgreSQL can store it: jsonb refuses the NUL character ({@code \u0000}) in any
     * string. The scan follows escapes, so an escaped backslash followed by {@code u0000} is not
     * mistaken for one.
     */
    boolean storable() {
        for (int i = 0; i < json.length(); i++) {
            if (json.charAt(i) == '\\') {
                if (json.startsWith("u0000", i + 1)) {
                    return false;
                }
                i++;
            }
        }
        return true;
    }
}
