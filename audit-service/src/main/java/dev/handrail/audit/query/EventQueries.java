package dev.handrail.audit.query;

import dev.handrail.audit.jdbc.EventStoreException;
import dev.handrail.audit.jdbc.PlainDataSource;
import dev.handrail.contracts.message.Envelope;
import dev.handrail.contracts.query.EventPage;
import dev.handrail.contracts.query.EventQuery;
import dev.handrail.contracts.query.StoredEvent;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * Pages through the stored events in seq order, for {@code GET /v1/events}, the live feed's
 * catch-up and exports. A page stops at {@code limit} events or about {@value #MAX_PAGE_CHARS}
 * characters of envelopes (a NATS reply must stay well under its payload limit), and says where
 * the next page starts. Stateless and thread-safe.
 */
@Singleton
public class EventQueries {

    /** Page size when the query asks for none. */
    public static final int DEFAULT_LIMIT = 100;
    /** Largest page size. */
    public static final int MAX_LIMIT = 1000;

    static final int MAX_PAGE_CHARS = 400_000;

    private final DataSource dataSource;

    public EventQueries(DataSource dataSource) {
        this.dataSource = PlainDataSource.of(dataSource);
    }

    /** The page of events the query asks for; the newest seq is read first, so the page never runs past it. */
    public EventPage page(EventQuery query) {
        Filters filters = new Filters()
                .eq("action_id", query.actionId())
                .eq("type", query.type())
                .eq("envelope ->> 'correlationid'", query.correlationId())
                .eq("envelope -> 'data' ->> 'intent'", query.intent())
                .where("action_id IN (SELECT action_id FROM actions WHERE principal = ?)", query.principal());
        int limit = query.limit() == 0 ? DEFAULT_LIMIT : Math.clamp(query.limit(), 1, MAX_LIMIT);
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            c.setReadOnly(true);
            c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            try {
                long head = head(c);
                long from = Math.max(1, query.fromSeq());
                long to = query.toSeq() > 0 ? Math.min(query.toSeq(), head) : head;
                if (from > to) {
                    return new EventPage(List.of(), from, head);
                }
                return page(c, filters, from, to, limit, head);
            } finally {
                c.rollback();
            }
        } catch (SQLException e) {
            throw new EventStoreException("Cannot read events: " + e.getMessage(), e);
        }
    }

    private static EventPage page(Connection c, Filters filters, long from, long to, int limit, long head)
            throws SQLException {
        String where = filters.where();
        String sql = "SELECT seq, prev_hash, hash, nats_subject, envelope::text FROM events"
                + (where.isEmpty() ? " WHERE " : where + " AND ") + "seq BETWEEN ? AND ? ORDER BY seq LIMIT ?";
        List<StoredEvent> events = new ArrayList<>();
        boolean cut = false;
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            int i = filters.bind(ps);
            ps.setLong(i++, from);
            ps.setLong(i++, to);
            ps.setInt(i, limit);
            try (ResultSet rs = ps.executeQuery()) {
                long chars = 0;
                while (rs.next()) {
                    String json = rs.getString(5);
                    chars += json.length();
                    events.add(new StoredEvent(
                            rs.getLong(1),
                            rs.getString(2),
                            rs.getString(3),
                            rs.getString(4),
                            Envelope.parse(json.getBytes(StandardCharsets.UTF_8))));
                    if (chars >= MAX_PAGE_CHARS) {
                        cut = true;
                        break;
                    }
                }
            }
        }
        boolean full = cut || events.size() == limit;
        long next = full ? events.getLast().seq() + 1 : to + 1;
        return new EventPage(events, next, head);
    }

    private static long head(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT coalesce(max(seq), 0) FROM events");
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
