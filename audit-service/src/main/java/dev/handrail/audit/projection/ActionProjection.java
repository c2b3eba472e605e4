package dev.handrail.audit.projection;

import dev.handrail.contracts.action.ActionView;
import dev.handrail.contracts.message.Envelope;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Keeps the {@code actions} table, one row per action with its folded view, inside the
 * transaction that appends the events (so the projection is never ahead of or behind the store).
 * Stateless and thread-safe; the caller owns the connection and its transaction.
 */
@Singleton
public class ActionProjection {

    private static final String UPSERT = """
            INSERT INTO actions (action_id, state, intent, session_id, principal, node, created_at, updated_at, out_of_order, view)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb)
            ON CONFLICT (action_id) DO UPDATE SET state = EXCLUDED.state, intent = EXCLUDED.intent,
                session_id = EXCLUDED.session_id, principal = EXCLUDED.principal, node = EXCLUDED.node,
                updated_at = EXCLUDED.updated_at, out_of_order = EXCLUDED.out_of_order, view = EXCLUDED.view""";

    /**
     * Folds {@code events} (in order, already inserted in this transaction) into their views and
     * writes the views they changed; actions with out-of-order events are rebuilt from the store.
     */
    public void apply(Connection c, List<ProjectedEvent> events) throws SQLException {
        if (events.isEmpty()) {
            return;
        }
        Map<String, Row> stored = load(
                c, events.stream().map(e -> e.event().actionId()).distinct().toList());
        Map<String, ActionView> before = new HashMap<>();
        Set<String> rebuild = new TreeSet<>();
        stored.forEach((id, row) -> {
            before.put(id, row.view());
            if (row.outOfOrder() > 0) {
                rebuild.add(id);
            }
        });
        ActionFold.Folded folded = ActionFold.fold(before, events);
        rebuild.addAll(folded.outOfOrder());
        Map<String, Row> changed = new LinkedHashMap<>();
        folded.changed().forEach((id, view) -> changed.put(id, new Row(view, 0)));
        if (!rebuild.isEmpty()) {
            changed.putAll(rebuilt(c, rebuild));
        }
        if (!changed.isEmpty()) {
            upsert(c, changed.values());
        }
    }

    private static Map<String, Row> load(Connection c, List<String> ids) throws SQLException {
        Map<String, Row> rows = new HashMap<>();
        Array array = c.createArrayOf("text", ids.toArray());
        try (PreparedStatement ps =
                c.prepareStatement("SELECT view::text, out_of_order FROM actions WHERE action_id = ANY(?)")) {
            ps.setArray(1, array);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ActionView view = ActionViews.read(rs.getString(1));
                    rows.put(view.actionId(), new Row(view, rs.getInt(2)));
                }
            }
        } finally {
            array.free();
        }
        return rows;
    }

    private static Map<String, Row> rebuilt(Connection c, Collection<String> ids) throws SQLException {
        Map<String, List<ProjectedEvent>> byAction = new LinkedHashMap<>();
        Array array = c.createArrayOf("text", ids.toArray());
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT envelope::text, nats_subject FROM events WHERE action_id = ANY(?) ORDER BY seq")) {
            ps.setArray(1, array);
            try (ResultSet rs = ps.executeQuery()) {
                Instant now = Instant.now();
                while (rs.next()) {
                    ProjectedEvent.from(
                                    Envelope.parse(rs.getString(1).getBytes(StandardCharsets.UTF_8)),
                                    rs.getString(2),
                                    now)
                            .ifPresent(e -> byAction.computeIfAbsent(e.event().actionId(), k -> new ArrayList<>())
                                    .add(e));
                }
            }
        } finally {
            array.free();
        }
        return byAction.entrySet().stream()
                .map(entry -> ActionFold.rebuild(entry.getKey(), entry.getValue()))
                .filter(r -> r.view().state() != null)
                .map(r -> new Row(r.view(), r.outOfOrder()))
                .collect(Collectors.toMap(r -> r.view().actionId(), Function.identity()));
    }

    private static void upsert(Connection c, Collection<Row> rows) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(UPSERT)) {
            for (Row row : rows) {
                ActionView v = row.view();
                ps.setString(1, v.actionId());
                ps.setString(2, v.state().wire());
                ps.setString(3, v.intent());
                ps.setString(4, v.sessionId());
                ps.setString(5, v.principal());
                ps.setString(6, v.node());
                ps.setObject(
                        7,
                        utc(v.transitions().values().stream().min(Comparator.naturalOrder())),
                        Types.TIMESTAMP_WITH_TIMEZONE);
                ps.setObject(
                        8,
                        utc(v.transitions().values().stream().max(Comparator.naturalOrder())),
                        Types.TIMESTAMP_WITH_TIMEZONE);
                ps.setInt(9, row.outOfOrder());
                ps.setString(10, ActionViews.write(v));
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    private static OffsetDateTime utc(Optional<Instant> instant) {
        return OffsetDateTime.ofInstant(instant.orElseGet(Instant::now), ZoneOffset.UTC);
    }

    /** An action's view and how many of its stored events are waiting for an earlier one. */
    private record Row(ActionView view, int outOfOrder) {}
}
