package dev.handrail.audit.chain;

import dev.handrail.audit.quarantine.QuarantineSummary;
import dev.handrail.audit.quarantine.QuarantinedEvent;
import java.util.List;

/**
 * The outcome of verifying the chain and its signed checkpoints from {@code fromSeq} on: whether ({@code intact})
 * it holds, how far it goes ({@code headSeq}), how many events and checkpoints were checked, and
 * for the first problem its {@code problem} code, the seq it names ({@code brokenSeq}) and why.
 * {@code unsignedEvents} counts the stored events after the last checkpoint: those are protected
 * by the chain alone until the next checkpoint is signed. {@code intact} is about the chain only;
 * {@code quarantined} counts the messages the store could not put on the chain and kept raw
 * instead ({@code quarantinedEvents}: the latest of them), so {@code complete} is false while any
 * event of the feed is not on the chain. When sealed segments were archived ({@code archivedSegments}
 * of them, seqs 1..{@code archivedThroughSeq}), the hot chain is verified from the recorded cut on:
 * its first row must link to the archived segment's last hash, which a signed checkpoint covers; the
 * archived events themselves are verified offline from the segment files.
 */
public record VerificationReport(
        boolean intact,
        long fromSeq,
        long headSeq,
        long checked,
        Long brokenSeq,
        String problem,
        String reason,
        Long lastCheckpointSeq,
        int checkpointsVerified,
        long unsignedEvents,
        boolean complete,
        long quarantined,
        List<QuarantinedEvent> quarantinedEvents,
        Long archivedThroughSeq,
        int archivedSegments) {

    public VerificationReport {
        quarantinedEvents = List.copyOf(quarantinedEvents);
    }

    /** A report of the chain alone, before the quarantine is looked at. */
    public VerificationReport(
            boolean intact,
            long fromSeq,
            long headSeq,
            long checked,
            Long brokenSeq,
            String problem,
            String reason,
            Long lastCheckpointSeq,
            int checkpointsVerified,
            long unsignedEvents) {
        this(
                intact,
                fromSeq,
                headSeq,
                checked,
                brokenSeq,
                problem,
                reason,
                lastCheckpointSeq,
                checkpointsVerified,
                unsignedEvents,
                true,
                0,
                List.of(),
                null,
                0);
    }

    /** This report with what the quarantine holds. */
    public VerificationReport withQuarantine(QuarantineSummary quarantine) {
        return withOutsideTheChain(
                quarantine.count() == 0, quarantine.count(), quarantine.latest(), archivedThroughSeq, archivedSegments);
    }

    /** This report with the archived part of the chain: {@code segments} segments holding seqs 1..{@code throughSeq}. */
    public VerificationReport withArchive(long throughSeq, int segments) {
        return withOutsideTheChain(
                complete, quarantined, quarantinedEvents, segments == 0 ? null : throughSeq, segments);
    }

    private VerificationReport withOutsideTheChain(
            boolean complete,
            long quarantined,
            List<QuarantinedEvent> quarantinedEvents,
            Long archivedThroughSeq,
            int archivedSegments) {
        return new VerificationReport(
                intact,
                fromSeq,
                headSeq,
                checked,
                brokenSeq,
                problem,
                reason,
                lastCheckpointSeq,
                checkpointsVerified,
                unsignedEvents,
                complete,
                quarantined,
                quarantinedEvents,
                archivedThroughSeq,
                archivedSegments);
    }

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
