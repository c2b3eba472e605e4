package dev.handrail.audit.chain;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Where the hot chain starts once sealed segments were archived: seqs 1..{@code throughSeq} are in
 * {@code segments} segment files, and {@code lastHash} is the hash at {@code throughSeq} (signed by
 * the checkpoint there), the anchor the first hot row links to. With nothing archived it is seq 0 and
 * {@link ChainHash#GENESIS}, so the chain starts at seq 1 as before.
 */
public record ArchivedCut(long throughSeq, String lastHash, int segments) {

    /** Nothing archived. */
    public static final ArchivedCut NONE = new ArchivedCut(0, ChainHash.GENESIS, 0);

    /** The first seq still in the hot table (when it holds any). */
    public long firstHotSeq() {
        return throughSeq + 1;
    }

    /** Whether {@code seq} was archived. */
    public boolean covers(long seq) {
        return seq <= throughSeq;
    }

    /** The cut as {@code archived_segments} records it, read on {@code c}. */
    public static ArchivedCut read(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                        "SELECT last_seq, last_hash, count(*) OVER () FROM archived_segments ORDER BY last_seq DESC LIMIT 1");
                ResultSet rs = ps.executeQuery()) {
            return rs.next() ? new ArchivedCut(rs.getLong(1), rs.getString(2), rs.getInt(3)) : NONE;
        }
    }
}
