package dev.handrail.audit.chain;

import dev.handrail.audit.jdbc.EventStoreException;
import dev.handrail.audit.jdbc.PlainDataSource;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Verifies the stored hash chain from a given seq to the end by recomputing every hash.
 * Stateless and thread-safe; each call reads in its own read-only transaction, streaming rows.
 */
@Singleton
public class ChainVerifier {

    private static final int FETCH_SIZE = 1000;

    private final DataSource dataSource;

    public ChainVerifier(DataSource dataSource) {
        this.dataSource = PlainDataSource.of(dataSource);
    }

    /** Walks the events from {@code fromSeq} (1 or less: from the start) and returns ok or the first broken seq. */
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

    private ChainVerification walk(Connection c, long start) throws SQLException {
        Optional<String> prev = start == 1 ? Optional.of(ChainHash.GENESIS) : hashAt(c, start - 1);
        if (prev.isEmpty()) {
            return ChainVerification.broken(0, start - 1, "seq " + (start - 1) + " is missing");
        }
        ChainWalk walk = new ChainWalk(start, prev.get());
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT seq, prev_hash, hash, envelope::text FROM events WHERE seq >= ? ORDER BY seq")) {
            ps.setFetchSize(FETCH_SIZE);
            ps.setLong(1, start);
            try (ResultSet rs = ps.executeQuery()) {
                boolean intact = true;
                while (intact && rs.next()) {
                    intact = walk.accept(new ChainRow(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4)));
                }
            }
        }
        return walk.result();
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
