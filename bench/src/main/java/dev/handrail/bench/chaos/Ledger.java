package dev.handrail.bench.chaos;

import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * What the audit store holds for a set of actions, read with SQL as the database owner: per
 * action, each event type with how often it is stored, its first event time and (for
 * {@code failed}) its error code. A fresh connection per read, so a PostgreSQL that was crashed
 * and started again is simply read again.
 */
final class Ledger {

    static final String PREFIX = "dev.handrail.action.";
    static final String SUFFIX = ".v1";
    /** The states an action ends in; {@code dead_lettered} only ever follows {@code failed}. */
    static final Set<String> TERMINAL =
            Set.of("rejected", "denied", "expired", "cancelled", "succeeded", "failed", "dead_lettered");

    /**
     * One event type of one action as stored.
     *
     * @param expiresAt for {@code pending_approval}, when the approval lapses
     */
    record Stored(long count, Instant first, String errorCode, Optional<Instant> expiresAt) {}

    private final Map<String, Map<String, Stored>> byAction;

    private Ledger(Map<String, Map<String, Stored>> byAction) {
        this.byAction = byAction;
    }

    /** The events of {@code actionIds}; retried for up to a minute while the database does not answer. */
    static Ledger read(String jdbcUrl, Collection<String> actionIds) {
        long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        while (true) {
            try {
                return new Ledger(query(jdbcUrl, actionIds));
            } catch (SQLException e) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("Cannot read the audit store: " + e.getMessage(), e);
                }
                pause();
            }
        }
    }

    private static Map<String, Map<String, Stored>> query(String jdbcUrl, Collection<String> actionIds)
            throws SQLException {
        Map<String, Map<String, Stored>> found = new HashMap<>();
        try (Connection c = DriverManager.getConnection(jdbcUrl);
                PreparedStatement ps = c.prepareStatement("""
                        SELECT action_id, type, count(*), min(event_time),
                               max(envelope->'data'->'execution'->>'error_code'),
                               max(envelope->'data'->>'expires_at')
                        FROM audit.events WHERE action_id = ANY(?) GROUP BY action_id, type""")) {
            Array ids = c.createArrayOf("text", actionIds.toArray());
            ps.setArray(1, ids);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String type = rs.getString(2);
                    if (type == null || !type.startsWith(PREFIX) || !type.endsWith(SUFFIX)) {
                        continue;
                    }
                    Timestamp first = rs.getTimestamp(4);
                    found.computeIfAbsent(rs.getString(1), id -> new HashMap<>())
                            .put(
                                    type.substring(PREFIX.length(), type.length() - SUFFIX.length()),
                                    new Stored(
                                            rs.getLong(3),
                                            first == null ? Instant.EPOCH : first.toInstant(),
                                            rs.getString(5),
                                            Optional.ofNullable(rs.getString(6)).map(Instant::parse)));
                }
            } finally {
                ids.free();
            }
        }
        return found;
    }

    /** The stored events of one action, by state name ({@code succeeded}, {@code executing} ...). */
    Map<String, Stored> of(String actionId) {
        return byAction.getOrDefault(actionId, Map.of());
    }

    /** When the action first reached a terminal state, if it did. */
    Optional<Instant> settledAt(String actionId) {
        return of(actionId).entrySet().stream()
                .filter(e -> TERMINAL.contains(e.getKey()))
                .map(e -> e.getValue().first())
                .min(Instant::compareTo);
    }

    /** How many of the terminal states it is stored in, {@code dead_lettered} after {@code failed} counted as one. */
    long outcomes(String actionId) {
        Map<String, Stored> events = of(actionId);
        return events.keySet().stream().filter(TERMINAL::contains).count()
                - (events.containsKey("failed") && events.containsKey("dead_lettered") ? 1 : 0);
    }

    /** Event types stored more than once for the action, other than those {@code allowedTwice}. */
    List<String> repeated(String actionId, Set<String> allowedTwice) {
        return of(actionId).entrySet().stream()
                .filter(e -> e.getValue().count() > 1 && !allowedTwice.contains(e.getKey()))
                .map(Map.Entry::getKey)
                .sorted()
                .toList();
    }

    long count(String actionId, String state) {
        Stored s = of(actionId).get(state);
        return s == null ? 0 : s.count();
    }

    /** The error code of the action's {@code failed} event, if it failed. */
    Optional<String> failure(String actionId) {
        return Optional.ofNullable(of(actionId).get("failed")).map(Stored::errorCode);
    }

    private static void pause() {
        try {
            TimeUnit.MILLISECONDS.sleep(500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while reading the audit store", e);
        }
    }
}
