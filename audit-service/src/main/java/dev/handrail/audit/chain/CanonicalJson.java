package dev.handrail.audit.chain;

import dev.handrail.contracts.json.StorableJson;
import java.io.IOException;
import org.erdtman.jcs.JsonCanonicalizer;

/**
 * The RFC 8785 (JSON Canonicalization Scheme) form of JSON text: sorted keys, no insignificant
 * whitespace, ECMAScript number formatting. Two texts that mean the same JSON canonicalise to the
 * same string, so a hash over it survives PostgreSQL's jsonb re-formatting. Only text that
 * {@link StorableJson} accepts is canonicalised: the same rule the gateway applies at the door, so
 * what it accepted is never refused here. Stateless.
 */
public final class CanonicalJson {

    private CanonicalJson() {}

    /**
     * The canonical form of {@code json}; fails with {@link NotJsonException} when it is not JSON
     * or holds what cannot be stored ({@link StorableJson}, nesting up to {@link StorableJson#MAX_MESSAGE_DEPTH}).
     */
    public static String of(String json) {
        StorableJson.check(json, StorableJson.MAX_MESSAGE_DEPTH).ifPresent(problem -> {
            throw new NotJsonException("Cannot canonicalise JSON: " + problem.message(), null);
        });
        try {
            return new JsonCanonicalizer(json).getEncodedString();
        } catch (IOException | RuntimeException e) {
            throw new NotJsonException("Cannot canonicalise JSON: " + e.getMessage(), e);
        }
    }

    /** The text given to {@link #of} is not JSON that RFC 8785 can canonicalise. */
    public static final class NotJsonException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        NotJsonException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
