package dev.handrail.health.breaker;

import dev.handrail.health.jdbc.HealthStoreException;
import dev.handrail.health.jdbc.Timestamps;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * The {@code breakers} and {@code breaker_transitions} tables, in plain JDBC: each breaker's last
 * state, and every visible transition with whether its event is on the feed yet. A row is never
 * moved back to an older seq, so a stale writer cannot undo a newer state. Thread-safe: every
 * call uses its own pooled connection.
 */
@Singleton
public final class BreakerStore {

    private static final String UPSERT =
            "INSERT INTO breakers (name, node, intent, state, held, open_until, seq, changed_at) "
                    + "VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (name) DO UPDATE SET state = EXCLUDED.state, "
                    + "held = EXCLUDED.held, open_until = EXCLUDED.open_until, seq = EXCLUDED.seq, changed_at = EXCLUDED.changed_at "
                    + "WHERE breakers.seq <= EXCLUDED.seq";

    private final DataSource dataSource;

    /**
     * @param dataSource the service's data source; the pool behind Micronaut's contextual proxy
     *                   is used, since this class manages its own connections
     */
    public BreakerStore(DataSource dataSource) {
        this.dataSource = DelegatingDataSource.unwrapDataSource(dataSource);
    }

    /** Stores a new breaker as closed, unless it is stored already. */
    public void ensure(String name, String node, String intent, Instant at) {
        String sql = "INSERT INTO breakers (name, node, intent, state, held, open_until, seq, changed_at) "
                + "VALUES (?, ?, ?, 'closed', false, NULL, 0, ?) ON CONFLICT (name) DO NOTHING";
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, name);
            s.setString(2, node);
            s.setString(3, intent);
            s.setObject(4, Timestamps.of(at));
            s.executeUpdate();
        } catch (SQLException e) {
            throw new HealthStoreException("Cannot store breaker " + name + ": " + e.getMessage(), e);
        }
    }

    /** Stores the breaker's new state and, for a visible move, the transition (once per seq). */
    public void record(BreakerTransition t) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                try (PreparedStatement s = c.prepareStatement(UPSERT)) {
                    s.setString(1, t.name());
                    s.setString(2, t.node());
                    s.setString(3, t.intent());
                    s.setString(4, t.to());
                    s.setBoolean(5, t.held());
                    s.setObject(6, Timestamps.of(t.openUntil()), Types.TIMESTAMP_WITH_TIMEZONE);
                    s.setLong(7, t.seq());
                    s.setObject(8, Timestamps.of(t.at()));
                    s.executeUpdate();
                }
                if (t.visible()) {
                    insertTransition(c, t);
                }
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new HealthStoreException("Cannot store transition " + t.eventId() + ": " + e.getMessage(), e);
        }
    }

    /** Every stored breaker. */
    public List<StoredBreaker> loadAll() {
        String sql = "SELECT name, node, intent, state, held, open_until, seq, changed_at FROM breakers ORDER BY name";
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement(sql);
                ResultSet rs = s.executeQuery()) {
            List<StoredBreaker> all = new ArrayList<>();
            while (rs.next()) {
                all.add(new StoredBreaker(
                        rs.getString("name"),
                        rs.getString("node"),
                        rs.getString("intent"),
                        rs.getString("state"),
                        rs.getBoolean("held"),
                        Timestamps.read(rs, "open_until"),
                        rs.getLong("seq"),
                        Timestamps.read(rs, "changed_at")));
            }
            return all;
        } catch (SQLException e) {
            throw new HealthStoreException("Cannot load breakers: " + e.getMessage(), e);
        }
    }

    /** Visible transitions that happened before {@code before} and are not on the feed yet, oldest first. */
    public List<BreakerTransition> unpublished(Instant before, int limit) {
        String sql = "SELECT t.name, b.node, b.intent, t.seq, t.from_state, t.to_state, t.reason, t.at "
                + "FROM breaker_transitions t JOIN breakers b ON b.name = t.name "
                + "WHERE t.published_at IS NULL AND t.at < ? ORDER BY t.at, t.name, t.seq LIMIT ?";
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement(sql)) {
            s.setObject(1, Timestamps.of(before));
            s.setInt(2, limit);
            try (ResultSet rs = s.executeQuery()) {
                List<BreakerTransition> pending = new ArrayList<>();
                while (rs.next()) {
                    pending.add(new BreakerTransition(
                            rs.getString("name"),
                            rs.getString("node"),
                            rs.getString("intent"),
                            rs.getLong("seq"),
                            rs.getString("from_state"),
                            rs.getString("to_state"),
                            rs.getString("reason"),
                            false,
                            null,
                            Timestamps.read(rs, "at")));
                }
                return pending;
            }
        } catch (SQLException e) {
            throw new HealthStoreException("Cannot read unpublished breaker transitions: " + e.getMessage(), e);
        }
    }

    /** Notes that the transition's event is on the feed. */
    public void markPublished(String eventId, Instant at) {
        String sql = "UPDATE breaker_transitions SET published_at = ? WHERE event_id = ? AND published_at IS NULL";
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement(sql)) {
            s.setObject(1, Timestamps.of(at));
            s.setString(2, eventId);
            s.executeUpdate();
        } catch (SQLException e) {
            throw new HealthStoreException("Cannot mark " + eventId + " published: " + e.getMessage(), e);
        }
    }

    private static void insertTransition(Connection c, BreakerTransition t) throws SQLException {
        String sql = "INSERT INTO breaker_transitions (name, seq, from_state, to_state, reason, at, event_id) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING";
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, t.name());
            s.setLong(2, t.seq());
            s.setString(3, t.from());
            s.setString(4, t.to());
            s.setString(5, t.reason());
            s.setObject(6, Timestamps.of(t.at()));
            s.setString(7, t.eventId());
            s.executeUpdate();
        }
    }
}
