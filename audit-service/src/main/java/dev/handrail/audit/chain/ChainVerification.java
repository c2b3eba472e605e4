package dev.handrail.audit.chain;

import java.util.OptionalLong;

/**
 * The outcome of walking the chain: how many events were checked and, when the chain is broken,
 * the first seq that does not hold up and why.
 */
public record ChainVerification(long checked, OptionalLong brokenSeq, String reason) {

    public static ChainVerification intact(long checked) {
        return new ChainVerification(checked, OptionalLong.empty(), null);
    }

    public static ChainVerification broken(long checked, long seq, String reason) {
        return new ChainVerification(checked, OptionalLong.of(seq), reason);
    }

    /** Whether every event checked links to the one before and matches its hash. */
    public boolean ok() {
        return brokenSeq.isEmpty();
    }
}
