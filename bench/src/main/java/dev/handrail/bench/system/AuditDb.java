package dev.handrail.bench.system;

import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

/**
 * Reads the audit store directly (as the database owner, read-only queries): how far the chain
 * has grown, whether it is whole, and when events became queryable. Not thread-safe: one
 * connection, used from one thread at a time.
 */
public final class AuditDb implements AutoCloseable {

    static final String SUCCEEDED = "dev.handrail.action.succeeded.v1";
    static final String PLANNED = "dev.handrail.action.planned.v1";
    static final String APPROVED = "dev.handrail.action.approved.v1";

    private final Connection connection;

    public AuditDb(String jdbcUrl) {
        try {
            connection = DriverManager.getConnection(jdbcUrl);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot connect to the audit database: " + e.getMessage(), e);
        }
    }

    /** The highest stored seq (0 when empty). */
    public long maxSeq() {
        return single("SELECT coalesce(max(seq), 0) FROM audit.events");
    }

    /**
     * The chain as stored: rows, the seq range, distinct event ids, links whose {@code prev_hash}
     * is not the hash of the row before, and action transitions stored more than once.
     */
    public record ChainCheck(
            long rows,
            long minSeq,
            long maxSeq,
            long distinctIds,
            long brokenLinks,
            long repeatedTransitions,
            long actionEvents) {

        /** Seqs missing between the first and the last. */
        public long gaps() {
            return rows == 0 ? 0 : maxSeq - minSeq + 1 - rows;
        }

        /** Events stored under an id that was already stored (impossible with the unique key; checked anyway). */
        public long duplicateIds() {
            return rows - distinctIds;
        }
    }

    public ChainCheck check() {
        try (PreparedStatement ps = connection.prepareStatement("""
                SELECT count(*), coalesce(min(seq), 0), coalesce(max(seq), 0), count(DISTINCT event_id),
                       (SELECT count(*) FROM audit.events e JOIN audit.events p ON p.seq = e.seq - 1 WHERE e.prev_hash <> p.hash),
                       (SELECT count(*) FROM (SELECT action_id, type FROM audit.events
                                              WHERE action_id IS NOT NULL AND type LIKE 'dev.handrail.action.%'
                                              GROUP BY action_id, type HAVING count(*) > 1) r),
                       count(*) FILTER (WHERE nats_subject LIKE 'handrail.v1.events.action.%')
                FROM audit.events""");
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            return new ChainCheck(
                    rs.getLong(1),
                    rs.getLong(2),
                    rs.getLong(3),
                    rs.getLong(4),
                    rs.getLong(5),
                    rs.getLong(6),
                    rs.getLong(7));
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot check the chain: " + e.getMessage(), e);
        }
    }

    /** The first seq stored for any of {@code actionIds} (1 when none is stored). */
    public long firstSeq(List<String> actionIds) {
        return overIds(
                "SELECT coalesce(min(seq), 1) FROM audit.events WHERE action_id = ANY(?)",
                actionIds,
                "read the first seq");
    }

    /** How many of {@code actionIds} have their {@code succeeded} event stored. */
    public long storedSuccesses(List<String> actionIds) {
        return overIds(
                "SELECT count(DISTINCT action_id) FROM audit.events WHERE type = '" + SUCCEEDED
                        + "' AND action_id = ANY(?)",
                actionIds,
                "count stored successes");
    }

    /** The one number {@code sql} answers with {@code actionIds} as its one (array) parameter. */
    private long overIds(String sql, List<String> actionIds, String what) {
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            Array ids = connection.createArrayOf("text", actionIds.toArray());
            ps.setArray(1, ids);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            } finally {
                ids.free();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot " + what + ": " + e.getMessage(), e);
        }
    }

    /**
     * Milliseconds from each action's {@code planned} event to its {@code approved} event (both
     * stamped by policy), for actions whose events were stored after {@code afterSeq}: p50, p99, count.
     */
    public double[] plannedToApprovedMs(long afterSeq) {
        try (PreparedStatement ps = connection.prepareStatement("""
                SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY gap), percentile_cont(0.99) WITHIN GROUP (ORDER BY gap), count(*)
                FROM (SELECT extract(epoch FROM a.event_time - p.event_time) * 1000 AS gap
                      FROM audit.events p JOIN audit.events a ON a.action_id = p.action_id AND a.type = ?
                      WHERE p.type = ? AND p.seq > ?) g""")) {
            ps.setString(1, APPROVED);
            ps.setString(2, PLANNED);
            ps.setLong(3, afterSeq);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new double[] {rs.getDouble(1), rs.getDouble(2), rs.getLong(3)};
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read the decision gaps: " + e.getMessage(), e);
        }
    }

    /**
     * Bytes the audit schema takes on disk per stored event: the events table with its indexes and
     * TOAST, plus the projection and checkpoint tables, over the events stored (the capacity model of
     * docs/scaling.md).
     */
    public double bytesPerEvent() {
        long events = single("SELECT count(*) FROM audit.events");
        long bytes = single(
                "SELECT coalesce(sum(pg_total_relation_size(c.oid)), 0) FROM pg_class c"
                        + " JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'audit' AND c.relkind IN ('r', 'p', 'm')");
        return events == 0 ? 0 : (double) bytes / events;
    }

    private long single(String sql) {
        try (PreparedStatement ps = connection.prepareStatement(sql);
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            connection.close();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
