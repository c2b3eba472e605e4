package dev.handrail.audit.chain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The link between two events of the chain:
 * {@code hash = hex(SHA-256(UTF-8(prev_hash as 64 hex chars) || UTF-8(canonical JSON of the envelope)))}.
 * The first event's {@code prev_hash} is {@link #GENESIS}. Stateless.
 */
public final class ChainHash {

    /** The {@code prev_hash} of the first event: 64 zeros. */
    public static final String GENESIS = "0".repeat(64);

    private ChainHash() {}

    /** The hash of an event whose envelope canonicalises to {@code canonicalEnvelope}. */
    public static String next(String prevHash, String canonicalEnvelope) {
        MessageDigest sha256 = sha256();
        sha256.update(prevHash.getBytes(StandardCharsets.UTF_8));
        sha256.update(canonicalEnvelope.getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(sha256.digest());
    }

    /** The hash of an event from its envelope as any JSON text (canonicalised first). */
    public static String ofEnvelopeJson(String prevHash, String envelopeJson) {
        return next(prevHash, CanonicalJson.of(envelopeJson));
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("This JVM has no SHA-256", e);
        }
    }
}
