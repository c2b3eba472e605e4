package dev.handrail.audit.chain;

import dev.handrail.audit.jdbc.EventStoreException;
import dev.handrail.audit.jdbc.PlainDataSource;
import dev.handrail.audit.quarantine.QuarantineTable;
import jakarta.inject.Singleton;
import java.security.PublicKey;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import javax.sql.DataSource;

/**
 * Verifies the stored hash chain from a given seq to the end by recomputing every hash, and
 * (in {@link #report}) the signed checkpoints against it. Stateless and thread-safe; each call
 * reads in its own read-only, repeatable-read transaction, streaming rows.
 */
@Singleton
public class ChainVerifier {

    private static final int FETCH_SIZE = 1000;

    private final DataSource dataSource;

    public ChainVerifier(DataSource dataSource) {
        this.dataSource = PlainDataSource.of(dataSource);
    }

    /**
     * Walks the events from {@code fromSeq} (1 or less: from the start; never before the archived cut)
     * and returns ok or the first broken seq.
     */
    public ChainVerification verify(long fromSeq) {
        long start = Math.max(1, fromSeq);
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            c.setReadOnly(true);
            try {
                return walk(c, start);
            } finally {
                c.rollback();
            }
        } catch (SQLException e) {
            throw new EventStoreException("Cannot read the event chain: " + e.getMessage(), e);
        }
    }

    /**
     * Verifies the chain from {@code fromSeq} (1 or less: from the start) and every checkpoint at or
     * after it, with the keys stored beside them; names the first broken seq, or the truncation; and
     * reports what the quarantine holds (in the same snapshot). Seqs archived into segment files are
     * not in the hot table: the walk starts at the recorded cut instead, from its anchor hash (which
     * must be the one the checkpoint at the cut signed), and the report says what range is archived.
     */
    public VerificationReport report(long fromSeq) {
        long start = Math.max(1, fromSeq);
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            c.setReadOnly(true);
            c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            try {
                return audit(c, start).withQuarantine(QuarantineTable.summary(c));
            } finally {
                c.rollback();
            }
        } catch (SQLException e) {
            throw new EventStoreException("Cannot read the event chain: " + e.getMessage(), e);
        }
    }

    private VerificationReport audit(Connection c, long requested) throws SQLException {
        long head = head(c);
        ArchivedCut cut = ArchivedCut.read(c);
        long start = Math.min(Math.max(requested, cut.firstHotSeq()), Math.max(head, cut.throughSeq()) + 1);
        Map<String, PublicKey> keys = CheckpointRecords.keys(c).stream()
                .collect(Collectors.toMap(SigningKey::keyId, k -> CheckpointSignature.publicKey(k.publicKey())));
        Optional<String> prev = hashBefore(c, start, cut);
        if (prev.isEmpty()) {
            return new VerificationReport(
                            false,
                            start,
                            head,
                            0,
                            start - 1,
                            VerificationReport.CHAIN_BROKEN,
                            "seq " + (start - 1) + " is missing",
                            null,
                            0,
                            0)
                    .withArchive(cut.throughSeq(), cut.segments());
        }
        long checkpointsFrom = start == cut.firstHotSeq() && cut.segments() > 0 ? start - 1 : start;
        ChainAudit audit = new ChainAudit(start, prev.get(), CheckpointRecords.checkpoints(c, checkpointsFrom), keys);
        stream(c, start, audit::accept);
        return audit.finish().withArchive(cut.throughSeq(), cut.segments());
    }

    private ChainVerification walk(Connection c, long requested) throws SQLException {
        ArchivedCut cut = ArchivedCut.read(c);
        long start = Math.max(requested, cut.firstHotSeq());
        Optional<String> prev = hashBefore(c, start, cut);
        if (prev.isEmpty()) {
            return ChainVerification.broken(0, start - 1, "seq " + (start - 1) + " is missing");
        }
        ChainWalk walk = new ChainWalk(start, prev.get());
        stream(c, start, walk::accept);
        return walk.result();
    }

    /** The hash the row at {@code start} must link to: the cut's anchor right after it, else the stored row before. */
    private static Optional<String> hashBefore(Connection c, long start, ArchivedCut cut) throws SQLException {
        return start - 1 == cut.throughSeq() ? Optional.of(cut.lastHash()) : hashAt(c, start - 1);
    }

    private static void stream(Connection c, long start, Predicate<ChainRow> sink) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT seq, prev_hash, hash, envelope::text FROM events WHERE seq >= ? ORDER BY seq")) {
            ps.setFetchSize(FETCH_SIZE);
            ps.setLong(1, start);
            try (ResultSet rs = ps.executeQuery()) {
                boolean intact = true;
                while (intact && rs.next()) {
                    intact = sink.test(new ChainRow(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4)));
                }
            }
        }
    }

    private static long head(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT coalesce(max(seq), 0) FROM events");
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static Optional<String> hashAt(Connection c, long seq) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT hash FROM events WHERE seq = ?")) {
            ps.setLong(1, seq);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        }
    }
}
