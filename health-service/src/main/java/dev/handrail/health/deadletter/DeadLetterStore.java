package dev.handrail.health.deadletter;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.handrail.contracts.json.Json;
import dev.handrail.health.failure.FailureClass;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The {@code dead_letters} table, in plain JDBC. One row per action ({@code action_id} is
 * unique), so storing the same failure twice keeps the first. Thread-safe: every call uses its
 * own pooled connection.
 */
@Singleton
public final class DeadLetterStore {

    private static final String COLUMNS = "id, action_id, intent, node, error_code, error_message, failure_class, "
            + "attempts, created_at, replayed_at, replay_action_id, replayed_by, request, original";

    private final DataSource dataSource;

    /**
     * @param dataSource the service's data source; the pool behind Micronaut's contextual proxy
     *                   is used, since this class manages its own connections
     */
    public DeadLetterStore(DataSource dataSource) {
        this.dataSource = DelegatingDataSource.unwrapDataSource(dataSource);
    }

    /** Stores the dead letter unless its action already has one; returns whichever is stored. */
    public DeadLetter insertIfAbsent(DeadLetter letter) {
        String sql = "INSERT INTO dead_letters (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
                + "CAST(? AS jsonb), CAST(? AS jsonb)) ON CONFLICT (action_id) DO NOTHING";
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, letter.id());
            s.setString(2, letter.actionId());
            s.setString(3, letter.intent());
            s.setString(4, letter.node());
            s.setString(5, letter.errorCode());
            s.setString(6, letter.errorMessage());
            s.setString(7, letter.failureClass().wire());
            s.setInt(8, letter.attempts());
            s.setObject(9, timestamp(letter.createdAt()));
            s.setObject(10, timestamp(letter.replayedAt()), Types.TIMESTAMP_WITH_TIMEZONE);
            s.setString(11, letter.replayActionId());
            s.setString(12, letter.replayedBy());
            s.setString(13, letter.request() == null ? null : Json.mapper().writeValueAsString(letter.request()));
            s.setString(14, Json.mapper().writeValueAsString(letter.original()));
            s.executeUpdate();
        } catch (SQLException | JsonProcessingException e) {
            throw new DeadLetterStoreException(
                    "Cannot store the dead letter of action " + letter.actionId() + ": " + e.getMessage(), e);
        }
        return findByActionId(letter.actionId())
                .orElseThrow(() -> new DeadLetterStoreException(
                        "The dead letter of action " + letter.actionId() + " is not there after storing it", null));
    }

    /**
     * Records that the dead letter is being replayed as {@code actionId} by {@code principal},
     * unless it was replayed before; returns the dead letter as stored afterwards (whoever replayed
     * it first), or empty when there is no such dead letter.
     */
    public Optional<DeadLetter> claimReplay(String id, String actionId, String principal, Instant at) {
        String sql = "UPDATE dead_letters SET replay_action_id = COALESCE(replay_action_id, ?), "
                + "replayed_at = COALESCE(replayed_at, ?), replayed_by = CASE WHEN replay_action_id IS NULL THEN ? "
                + "ELSE replayed_by END WHERE id = ?";
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, actionId);
            s.setObject(2, timestamp(at));
            s.setString(3, principal);
            s.setString(4, id);
            s.executeUpdate();
        } catch (SQLException e) {
            throw new DeadLetterStoreException(
                    "Cannot record the replay of dead letter " + id + ": " + e.getMessage(), e);
        }
        return find(id);
    }

    /** Keeps the request a dead letter replays, once it is known. */
    public void saveRequest(String id, OriginalRequest request) {
        String sql = "UPDATE dead_letters SET request = CAST(? AS jsonb) WHERE id = ? AND request IS NULL";
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, Json.mapper().writeValueAsString(request));
            s.setString(2, id);
            s.executeUpdate();
        } catch (SQLException | JsonProcessingException e) {
            throw new DeadLetterStoreException(
                    "Cannot store the request of dead letter " + id + ": " + e.getMessage(), e);
        }
    }

    /** How many dead letters were created at or after {@code since}. */
    public long countSince(Instant since) {
        String sql = "SELECT count(*) FROM dead_letters WHERE created_at >= ?";
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement(sql)) {
            s.setObject(1, timestamp(since));
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new DeadLetterStoreException("Cannot count dead letters: " + e.getMessage(), e);
        }
    }

    /** One dead letter by its id. */
    public Optional<DeadLetter> find(String id) {
        return findOne("SELECT " + COLUMNS + " FROM dead_letters WHERE id = ?", id);
    }

    /** The dead letter of one action. */
    public Optional<DeadLetter> findByActionId(String actionId) {
        return findOne("SELECT " + COLUMNS + " FROM dead_letters WHERE action_id = ?", actionId);
    }

    /** A page of dead letters matching the filter, newest first, with the total that matched. */
    public DeadLetterPage list(DeadLetterFilter filter) {
        List<String> params = new ArrayList<>();
        StringBuilder where = new StringBuilder(" WHERE TRUE");
        condition(where, params, "intent", filter.intent());
        condition(where, params, "node", filter.node());
        condition(where, params, "error_code", filter.errorCode());
        String page = "SELECT " + COLUMNS + " FROM dead_letters" + where + " ORDER BY created_at DESC, id DESC LIMIT ?";
        String count = "SELECT count(*) FROM dead_letters" + where;
        try (Connection c = dataSource.getConnection()) {
            List<DeadLetter> letters = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement(page)) {
                bind(s, params);
                s.setInt(params.size() + 1, filter.limit());
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        letters.add(read(rs));
                    }
                }
            }
            try (PreparedStatement s = c.prepareStatement(count)) {
                bind(s, params);
                try (ResultSet rs = s.executeQuery()) {
                    rs.next();
                    return new DeadLetterPage(letters, rs.getLong(1));
                }
            }
        } catch (SQLException e) {
            throw new DeadLetterStoreException("Cannot list dead letters: " + e.getMessage(), e);
        }
    }

    private Optional<DeadLetter> findOne(String sql, String key) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, key);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(read(rs)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new DeadLetterStoreException("Cannot read dead letter " + key + ": " + e.getMessage(), e);
        }
    }

    private static void condition(StringBuilder where, List<String> params, String column, String value) {
        if (value != null) {
            where.append(" AND ").append(column).append(" = ?");
            params.add(value);
        }
    }

    private static void bind(PreparedStatement s, List<String> params) throws SQLException {
        for (int i = 0; i < params.size(); i++) {
            s.setString(i + 1, params.get(i));
        }
    }

    private static DeadLetter read(ResultSet rs) throws SQLException {
        try {
            return new DeadLetter(
                    rs.getString("id"),
                    rs.getString("action_id"),
                    rs.getString("intent"),
                    rs.getString("node"),
                    rs.getString("error_code"),
                    rs.getString("error_message"),
                    FailureClass.valueOf(rs.getString("failure_class").toUpperCase(Locale.ROOT)),
                    rs.getInt("attempts"),
                    instant(rs, "created_at"),
                    instant(rs, "replayed_at"),
                    rs.getString("replay_action_id"),
                    rs.getString("replayed_by"),
                    request(rs.getString("request")),
                    Json.mapper().readTree(rs.getString("original")));
        } catch (JsonProcessingException e) {
            throw new SQLException("Stored original event is not JSON: " + e.getMessage(), e);
        }
    }

    private static OriginalRequest request(String json) throws JsonProcessingException {
        return json == null ? null : Json.mapper().readValue(json, OriginalRequest.class);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    private static OffsetDateTime timestamp(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }
}
