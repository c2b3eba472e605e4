package dev.handrail.audit.chain;

import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Verifies stored events in seq order together with the signed checkpoints: each link of the
 * chain ({@link ChainWalk}), each checkpoint's signature with its key, the stored hash at each
 * checkpoint's seq against the signed one (the hash the audit starts from, too, when a checkpoint
 * was signed at the seq before the first row: the anchor of an archived cut), and that the chain
 * does not end before the last checkpoint (truncation). The first problem by seq is reported. Used by the service and by the
 * command-line verifier alike. Not thread-safe: one audit belongs to one verification.
 */
public final class ChainAudit {

    private final long fromSeq;
    private final ChainWalk walk;
    private final List<Checkpoint> checkpoints;
    private final Map<String, PublicKey> keys;
    private final Map<Long, String> hashesAtCheckpoints = new HashMap<>();

    /**
     * @param fromSeq     the seq of the first row the audit will be given
     * @param prevHash    the hash of the event before it ({@link ChainHash#GENESIS} for seq 1)
     * @param checkpoints the checkpoints to check against (any order)
     * @param keys        the trusted public keys by key id
     */
    public ChainAudit(long fromSeq, String prevHash, List<Checkpoint> checkpoints, Map<String, PublicKey> keys) {
        this.fromSeq = fromSeq;
        this.walk = new ChainWalk(fromSeq, prevHash);
        this.checkpoints = checkpoints.stream()
                .sorted(Comparator.comparingLong(Checkpoint::seq))
                .toList();
        this.keys = Map.copyOf(keys);
        checkpoints.forEach(c -> hashesAtCheckpoints.put(c.seq(), null));
        if (hashesAtCheckpoints.containsKey(fromSeq - 1)) {
            hashesAtCheckpoints.put(fromSeq - 1, prevHash);
        }
    }

    /** Checks the next row; returns false once the chain is broken (later rows are ignored). */
    public boolean accept(ChainRow row) {
        boolean intact = walk.accept(row);
        if (intact && hashesAtCheckpoints.containsKey(row.seq())) {
            hashesAtCheckpoints.put(row.seq(), row.hash());
        }
        return intact;
    }

    /** The report once every row has been given. */
    public VerificationReport finish() {
        ChainVerification links = walk.result();
        long head = fromSeq - 1 + links.checked();
        List<Problem> problems = new ArrayList<>();
        links.brokenSeq()
                .ifPresent(seq -> problems.add(new Problem(seq, VerificationReport.CHAIN_BROKEN, links.reason())));
        int verified = 0;
        for (Checkpoint checkpoint : checkpoints) {
            Optional<Problem> problem = check(checkpoint, head, links);
            if (problem.isPresent()) {
                problems.add(problem.get());
            } else {
                verified++;
            }
        }
        Long last = checkpoints.isEmpty() ? null : checkpoints.getLast().seq();
        long unsigned = last == null ? head : Math.max(0, head - last);
        Optional<Problem> first = problems.stream().min(Comparator.comparingLong(Problem::seq));
        if (first.isPresent()) {
            Problem p = first.get();
            return new VerificationReport(
                    false, fromSeq, head, links.checked(), p.seq(), p.code(), p.reason(), last, 0, unsigned);
        }
        return new VerificationReport(true, fromSeq, head, links.checked(), null, null, null, last, verified, unsigned);
    }

    private Optional<Problem> check(Checkpoint checkpoint, long head, ChainVerification links) {
        PublicKey key = keys.get(checkpoint.keyId());
        if (key == null) {
            return Optional.of(new Problem(
                    checkpoint.seq(),
                    VerificationReport.UNKNOWN_KEY,
                    "checkpoint " + checkpoint.seq() + " is signed by key " + checkpoint.keyId()
                            + ", which is not trusted"));
        }
        if (!CheckpointSignature.verify(key, checkpoint)) {
            return Optional.of(new Problem(
                    checkpoint.seq(),
                    VerificationReport.BAD_SIGNATURE,
                    "the signature of checkpoint " + checkpoint.seq() + " does not verify with key "
                            + checkpoint.keyId()));
        }
        if (links.ok() && checkpoint.seq() > head) {
            return Optional.of(new Problem(
                    head + 1,
                    VerificationReport.TRUNCATED,
                    "the chain ends at seq " + head
                            + " but checkpoint " + checkpoint.seq() + " signed at " + checkpoint.signedAt()
                            + " shows it reached "
                            + checkpoint.seq() + "; seqs " + (head + 1) + ".." + checkpoint.seq() + " are gone"));
        }
        String stored = hashesAtCheckpoints.get(checkpoint.seq());
        if (checkpoint.seq() >= fromSeq - 1 && stored != null && !stored.equals(checkpoint.hash())) {
            return Optional.of(new Problem(
                    checkpoint.seq(),
                    VerificationReport.CHECKPOINT_MISMATCH,
                    "the stored hash at seq " + checkpoint.seq() + " is not the one checkpoint " + checkpoint.seq()
                            + " signed"));
        }
        return Optional.empty();
    }

    private record Problem(long seq, String code, String reason) {}
}
