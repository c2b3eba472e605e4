package dev.handrail.audit.chain;

/**
 * Checks stored events one after another in seq order: no seq missing, each {@code prev_hash}
 * equal to the hash before it, each hash recomputed from its envelope. Stops at the first break.
 * Not thread-safe: one walk belongs to one verification.
 */
public final class ChainWalk {

    private long expectedSeq;
    private String prevHash;
    private long checked;
    private ChainVerification broken;

    /**
     * @param fromSeq  the seq of the first row the walk will be given
     * @param prevHash the hash of the event before it ({@link ChainHash#GENESIS} for seq 1)
     */
    public ChainWalk(long fromSeq, String prevHash) {
        this.expectedSeq = fromSeq;
        this.prevHash = prevHash;
    }

    /** Checks the next row; returns false once the chain is broken (later rows are ignored). */
    public boolean accept(ChainRow row) {
        if (broken != null) {
            return false;
        }
        if (row.seq() != expectedSeq) {
            broken = ChainVerification.broken(
                    checked, expectedSeq, "seq " + expectedSeq + " is missing; the next stored is " + row.seq());
        } else if (!row.prevHash().equals(prevHash)) {
            broken =
                    ChainVerification.broken(checked, row.seq(), "prev_hash is not the hash of seq " + (row.seq() - 1));
        } else if (!recompute(row).equals(row.hash())) {
            broken = ChainVerification.broken(checked, row.seq(), "hash does not match the stored envelope");
        } else {
            prevHash = row.hash();
            expectedSeq++;
            checked++;
            return true;
        }
        return false;
    }

    /** The outcome so far. */
    public ChainVerification result() {
        return broken != null ? broken : ChainVerification.intact(checked);
    }

    private String recompute(ChainRow row) {
        try {
            return ChainHash.ofEnvelopeJson(row.prevHash(), row.envelopeJson());
        } catch (CanonicalJson.NotJsonException e) {
            return "";
        }
    }
}
