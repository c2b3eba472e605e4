package dev.handrail.contracts.message;

import dev.handrail.contracts.claim.PayloadDigest;
import java.util.Map;

/**
 * SHA-256 over intent, params (keys sorted) and node: what an approval or an allow decision is
 * bound to. The same content always gives the same hash, in any service.
 */
public final class ContentHash {

    private ContentHash() {}

    /** The hex digest of the action's content. */
    public static String of(String intent, Map<String, Object> params, String node) {
        return PayloadDigest.sortedSha256(new Object[] {intent, params, node});
    }

    /** Whether the command still carries the content its hash was made from. */
    public static boolean matches(ExecuteCommand command) {
        return of(command.intent(), command.params(), command.node()).equals(command.contentHash());
    }
}
