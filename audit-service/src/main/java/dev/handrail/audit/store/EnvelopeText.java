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
}
