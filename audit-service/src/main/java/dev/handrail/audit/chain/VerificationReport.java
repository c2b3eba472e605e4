package dev.handrail.audit.chain;

/**
 * The outcome of verifying the chain and its signed checkpoints from {@code fromSeq} on: whether ({@code intact})
 * it holds, how far it goes ({@code headSeq}), how many events and checkpoints were checked, and
 * for the first problem its {@code problem} code, the seq it names ({@code brokenSeq}) and why.
 * {@code unsignedEvents} counts the stored events after the last checkpoint: those are protected
 * by the chain alone until the next checkpoint is signed.
 */
public record VerificationReport(boolean intact, long fromSeq, long headSeq, long checked, Long brokenSeq, String problem,
                                 String reason, Long lastCheckpointSeq, int checkpointsVerified, long unsignedEvents) {

    /** A link of the chain does not hold: a seq is missing, a prev_hash or a hash does not match. */
    public static final String CHAIN_BROKEN = "CHAIN_BROKEN";
    /** The chain ends before a signed checkpoint: events were removed from its end. */
    public static final String TRUNCATED = "TRUNCATED";
    /** The stored hash at a checkpoint's seq is not the one that was signed. */
    public static final String CHECKPOINT_MISMATCH = "CHECKPOINT_MISMATCH";
    /** A checkpoint's signature does not verify with its key. */
    public static final String BAD_SIGNATURE = "BAD_SIGNATURE";
    /** A checkpoint names a key that is not among the trusted keys. */
    public static final String UNKNOWN_KEY = "UNKNOWN_KEY";
    /** An export file ends before its end line: it was cut short in transit (command-line verifier only). */
    public static final String INCOMPLETE_EXPORT = "INCOMPLETE_EXPORT";
}
