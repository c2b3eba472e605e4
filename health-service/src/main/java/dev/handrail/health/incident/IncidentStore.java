package dev.handrail.health.incident;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import dev.handrail.contracts.action.ActionIds;
import dev.handrail.contracts.json.Json;
import dev.handrail.health.jdbc.HealthStoreException;
import dev.handrail.health.jdbc.Timestamps;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The {@code incidents} table, in plain JDBC. A partial unique index keeps at most one open
 * incident per key, so opening is idempotent whoever tries; {@code announced} says which of its
 * changes are on the feed. Thread-safe: every call uses its own pooled connection.
 */
@Singleton
public final class IncidentStore {

    private static final String COLUMNS = "id, key, kind, state, title, detail, opened_at, closed_at, announced";
    private static final TypeReference<Map<String, Object>> DETAIL = new TypeReference<>() {};

    private final DataSource dataSource;

    /**
     * @param dataSource the service's data source; the pool behind Micronaut's contextual proxy
     *                   is used, since this class manages its own connections
     */
    public IncidentStore(DataSource dataSource) {
        this.dataSource = DelegatingDataSource.unwrapDataSource(dataSource);
    }

    /** Opens an incident for the cause unless one is open for its key; the new incident, or empty. */
    public Optional<Incident> open(IncidentCause cause, Instant at) {
        String sql = "INSERT INTO incidents (id, key, kind, state, title, detail, opened_at) "
                + "VALUES (?, ?, ?, 'open', ?, CAST(? AS jsonb), ?) ON CONFLICT (key) WHERE state = 'open' DO NOTHING "
                + "RETURNING " + COLUMNS;
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, ActionIds.next());
            s.setString(2, cause.key());
            s.setString(3, cause.kind());
            s.setString(4, cause.title());
            s.setString(5, Json.mapper().writeValueAsString(cause.detail()));
            s.setObject(6, Timestamps.of(at));
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(read(rs)) : Optional.empty();
            }
        } catch (SQLException | JsonProcessingException e) {
            throw new HealthStoreException("Cannot open incident " + cause.key() + ": " + e.getMessage(), e);
        }
    }

    /** Closes an open incident; the closed incident, or empty when it was not open. */
    public Optional<Incident> close(String id, Instant at) {
        String sql = "UPDATE incidents SET state = 'closed', closed_at = ? WHERE id = ? AND state = 'open' RETURNING "
                + COLUMNS;
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement(sql)) {
            s.setObject(1, Timestamps.of(at));
            s.setString(2, id);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(read(rs)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new HealthStoreException("Cannot close incident " + id + ": " + e.getMessage(), e);
        }
    }

    /** Every open incident. */
    public List<Incident> openIncidents() {
        return query("SELECT " + COLUMNS + " FROM incidents WHERE state = 'open' ORDER BY opened_at", List.of());
    }

    /** Incidents with a change not yet on the feed, oldest first, each with what was announced so far. */
    public List<Announcement> unannounced(int limit) {
        String sql = "SELECT " + COLUMNS + " FROM incidents WHERE announced IS NULL "
                + "OR (state = 'closed' AND announced <> 'closed') ORDER BY opened_at LIMIT ?";
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement(sql)) {
            s.setInt(1, limit);
            try (ResultSet rs = s.executeQuery()) {
                List<Announcement> pending = new ArrayList<>();
                while (rs.next()) {
                    pending.add(new Announcement(read(rs), rs.getString("announced")));
                }
                return pending;
            }
        } catch (SQLException e) {
            throw new HealthStoreException("Cannot read unannounced incidents: " + e.getMessage(), e);
        }
    }

    /** Notes that the incident's change to {@code change} ({@code opened | closed}) is on the feed. */
    public void markAnnounced(String id, String change) {
        String sql = "UPDATE incidents SET announced = ? WHERE id = ?";
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, change);
            s.setString(2, id);
            s.executeUpdate();
        } catch (SQLException e) {
            throw new HealthStoreException("Cannot mark incident " + id + " announced: " + e.getMessage(), e);
        }
    }

    /** One incident by id. */
    public Optional<Incident> find(String id) {
        List<Incident> found = query("SELECT " + COLUMNS + " FROM incidents WHERE id = ?", List.of(id));
        return found.stream().findFirst();
    }

    /** A page of incidents matching the filter, newest first, with the total that matched. */
    public IncidentPage list(IncidentFilter filter) {
        List<String> params = new ArrayList<>();
        StringBuilder where = new StringBuilder(" WHERE TRUE");
        if (filter.state() != null) {
            where.append(" AND state = ?");
            params.add(filter.state());
        }
        if (filter.kind() != null) {
            where.append(" AND kind = ?");
            params.add(filter.kind());
        }
        List<String> paged = new ArrayList<>(params);
        paged.add(Integer.toString(filter.limit()));
        List<Incident> incidents = query(
                "SELECT " + COLUMNS + " FROM incidents" + where
                        + " ORDER BY opened_at DESC, id DESC LIMIT CAST(? AS integer)",
                paged);
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("SELECT count(*) FROM incidents" + where)) {
            for (int i = 0; i < params.size(); i++) {
                s.setString(i + 1, params.get(i));
            }
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return new IncidentPage(incidents, rs.getLong(1));
            }
        } catch (SQLException e) {
            throw new HealthStoreException("Cannot count incidents: " + e.getMessage(), e);
        }
    }

    private List<Incident> query(String sql, List<String> params) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < params.size(); i++) {
                s.setString(i + 1, params.get(i));
            }
            try (ResultSet rs = s.executeQuery()) {
                List<Incident> incidents = new ArrayList<>();
                while (rs.next()) {
                    incidents.add(read(rs));
                }
                return incidents;
            }
        } catch (SQLException e) {
            throw new HealthStoreException("Cannot read incidents: " + e.getMessage(), e);
        }
    }

    private static Incident read(ResultSet rs) throws SQLException {
        try {
            return new Incident(
                    rs.getString("id"),
                    rs.getString("key"),
                    rs.getString("kind"),
                    rs.getString("state"),
                    rs.getString("title"),
                    Json.mapper().readValue(rs.getString("detail"), DETAIL),
                    Timestamps.read(rs, "opened_at"),
                    Timestamps.read(rs, "closed_at"));
        } catch (JsonProcessingException e) {
            throw new SQLException("Stored incident detail is not JSON: " + e.getMessage(), e);
        }
    }

    /** An incident and the last change of it that is on the feed ({@code opened}, or null for none). */
    public record Announcement(Incident incident, String announced) {}
}
