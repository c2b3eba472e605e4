package dev.handrail.policy.approval;

import dev.handrail.bus.tracing.Tracing;
import dev.handrail.policy.jdbc.Database;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import jakarta.inject.Singleton;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The approval wait as a span of the action's trace: when an action is held for a person, the
 * context it was held in and the time are kept ({@code approval_traces}); when a decision on it
 * arrives (from another request, in another trace), the wait is recorded from then until now as a
 * child of that context, and what the decision publishes is sent in it, so the execute command and
 * the events after it stay in the action's trace. Stateless and thread-safe.
 */
@Singleton
public class ApprovalTraces {

    /** The name of the span an approval wait is recorded as. */
    public static final String WAIT_SPAN = "approval.wait";

    private final Database database;
    private final Clock clock;

    public ApprovalTraces(Database database, Clock clock) {
        this.database = database;
        this.clock = clock;
    }

    /** Keeps the current trace context as the one {@code actionId}'s approval belongs to; nothing when there is none. */
    public void opened(String actionId) {
        String traceparent = Tracing.currentTraceparent();
        if (traceparent == null) {
            return;
        }
        Instant now = clock.instant();
        database.autoCommit(c -> {
            try (PreparedStatement insert = c.prepareStatement(
                    "INSERT INTO approval_traces (action_id, traceparent, opened_at) VALUES (?, ?, ?) "
                            + "ON CONFLICT (action_id) DO NOTHING")) {
                insert.setString(1, actionId);
                insert.setString(2, traceparent);
                insert.setTimestamp(3, Timestamp.from(now));
                return insert.executeUpdate();
            }
        });
    }

    /**
     * Runs {@code decision} on {@code actionId} in its approval's trace: the wait is recorded as
     * {@value #WAIT_SPAN}, linked to the span the decision arrived in, and the stored context is
     * dropped once the decision went through (a repeat finds none and runs in its own trace).
     */
    public void decideInTrace(String actionId, String verdict, Runnable decision) {
        Optional<Opened> opened = find(actionId);
        if (opened.isEmpty()) {
            decision.run();
            return;
        }
        Context wait = Tracing.recordSince(
                WAIT_SPAN,
                opened.get().at(),
                opened.get().traceparent(),
                span -> span.setAttribute("handrail.action_id", actionId).setAttribute("handrail.verdict", verdict));
        try (Scope ignored = wait.makeCurrent()) {
            decision.run();
        }
        database.autoCommit(c -> {
            try (PreparedStatement delete = c.prepareStatement("DELETE FROM approval_traces WHERE action_id = ?")) {
                delete.setString(1, actionId);
                return delete.executeUpdate();
            }
        });
    }

    /**
     * Records the wait of each approval that lapsed as {@value #WAIT_SPAN} (verdict {@code expire}),
     * and forgets the kept context of every action no longer pending (expired, withdrawn or
     * decided elsewhere), on {@code c}, in the transaction that expires them.
     */
    public void lapsed(Connection c, List<String> actionIds) throws SQLException {
        if (!actionIds.isEmpty()) {
            Array ids = c.createArrayOf("text", actionIds.toArray());
            try (PreparedStatement select = c.prepareStatement(
                    "SELECT action_id, traceparent, opened_at FROM approval_traces WHERE action_id = ANY(?)")) {
                select.setArray(1, ids);
                try (ResultSet row = select.executeQuery()) {
                    while (row.next()) {
                        String actionId = row.getString(1);
                        Tracing.recordSince(
                                WAIT_SPAN,
                                row.getTimestamp(3).toInstant(),
                                row.getString(2),
                                span -> span.setAttribute("handrail.action_id", actionId)
                                        .setAttribute("handrail.verdict", "expire"));
                    }
                }
            } finally {
                ids.free();
            }
        }
        try (PreparedStatement forget = c.prepareStatement("DELETE FROM approval_traces t WHERE NOT EXISTS ("
                + "SELECT 1 FROM policy_actions a WHERE a.action_id = t.action_id AND a.state = 'pending')")) {
            forget.executeUpdate();
        }
    }

    private Optional<Opened> find(String actionId) {
        return database.autoCommit(c -> {
            try (PreparedStatement select =
                    c.prepareStatement("SELECT traceparent, opened_at FROM approval_traces WHERE action_id = ?")) {
                select.setString(1, actionId);
                try (ResultSet row = select.executeQuery()) {
                    return row.next()
                            ? Optional.of(new Opened(
                                    row.getString(1), row.getTimestamp(2).toInstant()))
                            : Optional.<Opened>empty();
                }
            }
        });
    }

    private record Opened(String traceparent, Instant at) {}
}
