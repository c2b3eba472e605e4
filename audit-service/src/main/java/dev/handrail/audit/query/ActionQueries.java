package dev.handrail.audit.query;

import dev.handrail.audit.jdbc.EventStoreException;
import dev.handrail.audit.jdbc.PlainDataSource;
import dev.handrail.audit.projection.ActionViews;
import dev.handrail.contracts.action.ActionView;
import dev.handrail.contracts.query.ActionListQuery;
import dev.handrail.contracts.query.ActionPage;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/** Answers "what is action X" and "which actions match" from the actions projection. Stateless, thread-safe. */
@Singleton
public class ActionQueries {

    private final DataSource dataSource;

    public ActionQueries(DataSource dataSource) {
        this.dataSource = PlainDataSource.of(dataSource);
    }

    /** The view of one action, if any of its events has been stored. */
    public Optional<ActionView> find(String actionId) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT view::text FROM actions WHERE action_id = ?")) {
            ps.setString(1, actionId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(ActionViews.read(rs.getString(1))) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new EventStoreException("Cannot read action " + actionId + ": " + e.getMessage(), e);
        }
    }

    /** A page of matching actions, newest first, and how many match in all. */
    public ActionPage list(ActionListQuery query) {
        Filters filters = new Filters()
                .eq("state", query.state())
                .eq("intent", query.intent())
                .eq("session_id", query.sessionId())
                .eq("principal", query.principal())
                .eq("node", query.node())
                .since("created_at", query.from())
                .before("created_at", query.to());
        try (Connection c = dataSource.getConnection()) {
            return new ActionPage(page(c, filters, Filters.limit(query.limit())), count(c, filters));
        } catch (SQLException e) {
            throw new EventStoreException("Cannot list actions: " + e.getMessage(), e);
        }
    }

    private static List<ActionView> page(Connection c, Filters filters, int limit) throws SQLException {
        String sql = "SELECT view::text FROM actions" + filters.where()
                + " ORDER BY created_at DESC, action_id DESC LIMIT ?";
        List<ActionView> views = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setInt(filters.bind(ps), limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    views.add(ActionViews.read(rs.getString(1)));
                }
            }
        }
        return views;
    }

    static long count(Connection c, Filters filters) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM actions" + filters.where())) {
            filters.bind(ps);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
