package dev.handrail.audit.query;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.handrail.audit.jdbc.EventStoreException;
import dev.handrail.audit.jdbc.PlainDataSource;
import dev.handrail.contracts.action.ActionPhase;
import dev.handrail.contracts.action.ActionState;
import dev.handrail.contracts.message.ActionEvent;
import dev.handrail.contracts.message.Envelope;
import dev.handrail.contracts.message.Message;
import dev.handrail.contracts.query.ListQuery;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;

/** Answers audit-trail queries from the event store and the actions projection. Stateless, thread-safe. */
@Singleton
public class TrailQueries {

    /** The filters a trail list accepts; each is an exact match on the action. */
    public static final Set<String> FILTERS = Set.of("state", "intent", "session_id", "principal", "node");

    private static final String PAGE = """
            SELECT a.action_id, a.intent, a.state, count(e.seq), min(e.event_time), max(e.event_time)
            FROM (SELECT action_id, intent, state, created_at FROM actions%s
                  ORDER BY created_at DESC, action_id DESC LIMIT ?) a
            JOIN events e ON e.action_id = a.action_id
            GROUP BY a.action_id, a.intent, a.state, a.created_at
            ORDER BY a.created_at DESC, a.action_id DESC""";

    private final DataSource dataSource;

    public TrailQueries(DataSource dataSource) {
        this.dataSource = PlainDataSource.of(dataSource);
    }

    /**
     * Every stored event about an action in seq order, and the segment files holding those that were
     * archived; empty when there is neither.
     */
    public Optional<Trail> trail(String actionId) {
        String sql = "SELECT seq, hash, envelope::text FROM events WHERE action_id = ? ORDER BY seq";
        List<TrailEvent> events = new ArrayList<>();
        List<Trail.ArchivedPart> archived;
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            c.setReadOnly(true);
            c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setString(1, actionId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        events.add(event(
                                rs.getLong(1),
                                rs.getString(2),
                                Envelope.parse(rs.getString(3).getBytes(StandardCharsets.UTF_8))));
                    }
                }
                archived = archived(c, actionId);
            } finally {
                c.rollback();
            }
        } catch (SQLException e) {
            throw new EventStoreException("Cannot read the trail of " + actionId + ": " + e.getMessage(), e);
        }
        if (events.isEmpty() && archived.isEmpty()) {
            return Optional.empty();
        }
        String intent = events.stream()
                .filter(e -> e.data() != null)
                .map(e -> e.data().path("intent"))
                .filter(JsonNode::isTextual)
                .map(JsonNode::asText)
                .findFirst()
                .orElse(null);
        return Optional.of(new Trail(actionId, intent, events, archived));
    }

    private static List<Trail.ArchivedPart> archived(Connection c, String actionId) throws SQLException {
        List<Trail.ArchivedPart> parts = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT s.file_name, s.first_seq, s.last_seq, a.events"
                + " FROM archived_action_events a JOIN archived_segments s ON s.first_seq = a.first_seq"
                + " WHERE a.action_id = ? ORDER BY s.first_seq")) {
            ps.setString(1, actionId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    parts.add(new Trail.ArchivedPart(rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getLong(4)));
                }
            }
        }
        return parts;
    }

    /**
     * A page of trails, newest action first. Filters must be among {@link #FILTERS}; the caller
     * rejects others.
     */
    public TrailPage list(ListQuery query) {
        Filters filters = new Filters();
        query.filters().entrySet().stream()
                .filter(f -> FILTERS.contains(f.getKey()))
                .sorted(Map.Entry.comparingByKey())
                .forEach(f -> filters.eq(f.getKey(), f.getValue()));
        try (Connection c = dataSource.getConnection()) {
            return new TrailPage(page(c, filters, Filters.limit(query.limit())), ActionQueries.count(c, filters));
        } catch (SQLException e) {
            throw new EventStoreException("Cannot list trails: " + e.getMessage(), e);
        }
    }

    private static List<TrailSummary> page(Connection c, Filters filters, int limit) throws SQLException {
        List<TrailSummary> trails = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(PAGE.formatted(filters.where()))) {
            ps.setInt(filters.bind(ps), limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    trails.add(new TrailSummary(
                            rs.getString(1),
                            rs.getString(2),
                            rs.getString(3),
                            rs.getLong(4),
                            instant(rs.getTimestamp(5)),
                            instant(rs.getTimestamp(6))));
                }
            }
        }
        return trails;
    }

    private static TrailEvent event(long seq, String hash, Envelope env) {
        JsonNode data = env.data() == null ? MissingNode.getInstance() : env.data();
        JsonNode decision = data.path("decision");
        List<String> reasons = new ArrayList<>();
        decision.path("reasons").forEach(r -> reasons.add(r.asText()));
        String decidedBy = text(data.path("approved_by"))
                .orElseGet(() -> text(data.path("denied_by")).orElse(null));
        JsonNode evidence = data.path("execution").path("evidence");
        Optional<Message> message = message(env);
        return new TrailEvent(
                seq,
                hash,
                env.id(),
                env.type(),
                message.filter(ActionEvent.class::isInstance)
                        .map(m -> ((ActionEvent) m).state())
                        .map(ActionState::wire)
                        .orElse(null),
                message.flatMap(ActionPhase::of).map(ActionPhase::wire).orElse(null),
                env.time(),
                env.source(),
                env.principal(),
                text(decision.path("effect")).orElse(null),
                decision.isMissingNode() ? null : List.copyOf(reasons),
                decidedBy,
                evidence.isMissingNode() || evidence.isNull() ? null : evidence,
                env.data());
    }

    private static Optional<String> text(JsonNode node) {
        return node.isTextual() ? Optional.of(node.asText()) : Optional.empty();
    }

    /** The message an envelope holds; empty for a type this version does not know. */
    private static Optional<Message> message(Envelope env) {
        try {
            return Optional.of(env.message());
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
