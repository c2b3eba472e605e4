package dev.handrail.policy.action;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.handrail.contracts.action.Decision;
import dev.handrail.contracts.action.Validation;
import dev.handrail.contracts.json.Json;
import dev.handrail.policy.jdbc.Database;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads and writes {@code policy_actions}, and {@code policy_action_inputs}: the sensitive inputs
 * of an action held for approval, kept only while it is pending (deleted with the change that ends
 * the approval). Methods that take a {@link Connection} run inside the
 * caller's transaction (row locks last until it ends); the others use their own connection.
 * Stateless and thread-safe.
 */
@Singleton
public class PolicyActionStore {

    private static final TypeReference<Map<String, Object>> PARAMS = new TypeReference<>() {};
    private static final TypeReference<Validation> VALIDATION = new TypeReference<>() {};
    private static final TypeReference<Decision> DECISION = new TypeReference<>() {};
    private static final String COLUMNS = "action_id, intent, params, node, principal, session_id, timeout_ms, "
            + "max_retries, content_hash, validation, state, expires_at, decided_by, decided_at, comment, decision, admitted";

    private final Database database;

    public PolicyActionStore(Database database) {
        this.database = database;
    }

    // Stores a newly planned action unless a row for its id exists and, if it was admitted, counts
    // it in budget_usage in the same statement: atomically, and only the first time.
    /** Rows each budget count is spread over, so plans stored at once do not queue on one row's lock. */
    static final int BUDGET_SHARDS = 16;

    private static final String INSERT = "WITH stored AS (INSERT INTO policy_actions (" + COLUMNS + ") "
            + "VALUES (?, ?, ?::json, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?, ?, ?::jsonb, ?) ON CONFLICT (action_id) DO NOTHING "
            + "RETURNING action_id, admitted, principal, session_id, created_at), "
            + "usage AS (SELECT 'session' AS scope, session_id AS key, 0::bigint AS bucket, action_id FROM stored "
            + "WHERE admitted AND session_id IS NOT NULL UNION ALL "
            + "SELECT 'principal', principal, floor(extract(epoch FROM created_at))::bigint, action_id FROM stored "
            + "WHERE admitted AND principal IS NOT NULL) "
            + "INSERT INTO budget_usage (scope, key, bucket, shard, admitted) "
            + "SELECT scope, key, bucket, abs(hashtext(action_id) % " + BUDGET_SHARDS + "), 1 FROM usage "
            + "ON CONFLICT (scope, key, bucket, shard) DO UPDATE SET admitted = budget_usage.admitted + 1";

    // Keeps the inputs only while the stored row is pending; FOR SHARE waits for a decision taking
    // the row and sees its outcome, so inputs of a redelivered plan never outlive the approval.
    private static final String INSERT_INPUTS = "INSERT INTO policy_action_inputs (action_id, inputs) "
            + "SELECT action_id, ?::json FROM policy_actions WHERE action_id = ? AND state = 'pending' FOR SHARE "
            + "ON CONFLICT (action_id) DO NOTHING";

    /**
     * Stores a newly planned action unless a row for its id exists (a redelivered plan), and
     * returns the stored row either way, so a redelivery carries on with what was decided first.
     * An admitted action is counted towards its session's and principal's budgets as it is stored.
     * {@code inputs} (the sensitive values of its params) are kept if, and as long as, the stored
     * action is pending approval.
     */
    public PolicyAction insertIfAbsent(PolicyAction action, Map<String, Object> inputs) {
        return database.inTransaction(c -> {
            try (PreparedStatement insert = c.prepareStatement(INSERT)) {
                bindAll(insert, action);
                insert.executeUpdate();
            }
            if (!inputs.isEmpty()) {
                try (PreparedStatement keep = c.prepareStatement(INSERT_INPUTS)) {
                    keep.setString(1, new String(Json.bytes(inputs), StandardCharsets.UTF_8));
                    keep.setString(2, action.actionId());
                    keep.executeUpdate();
                }
            }
            return select(c, action.actionId(), "")
                    .orElseThrow(() -> new IllegalStateException(
                            "Action " + action.actionId() + " vanished right after it was stored"));
        });
    }

    /** The sensitive inputs kept for a pending action (empty when it has none, or no longer pending). */
    public Map<String, Object> inputs(Connection c, String actionId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT inputs FROM policy_action_inputs WHERE action_id = ?")) {
            s.setString(1, actionId);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? readJson(rs.getString(1), PARAMS) : Map.of();
            }
        }
    }

    /** The sensitive inputs kept for a pending action, on their own connection. */
    public Map<String, Object> inputs(String actionId) {
        return database.autoCommit(c -> inputs(c, actionId));
    }

    /** The action, if policy knows it. */
    public Optional<PolicyAction> find(String actionId) {
        return database.autoCommit(c -> select(c, actionId, ""));
    }

    /** The action, locked until the caller's transaction ends. */
    public Optional<PolicyAction> lock(Connection c, String actionId) throws SQLException {
        return select(c, actionId, " FOR UPDATE");
    }

    /**
     * Pending approvals that lapsed by {@code now}, at most {@code limit}, locked; rows another
     * transaction holds are skipped, so two sweepers never take the same approval.
     */
    public List<PolicyAction> lockLapsed(Connection c, Instant now, int limit) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " FROM policy_actions "
                + "WHERE state = 'pending' AND expires_at <= ? ORDER BY expires_at LIMIT ? FOR UPDATE SKIP LOCKED")) {
            s.setTimestamp(1, Timestamp.from(now));
            s.setInt(2, limit);
            try (ResultSet rs = s.executeQuery()) {
                List<PolicyAction> rows = new ArrayList<>();
                while (rs.next()) {
                    rows.add(read(rs));
                }
                return rows;
            }
        }
    }

    /**
     * Records that a pending approval was decided or lapsed (and who decided, when, and why, if a
     * person did), as a compare-and-set on the stored state: the row changes only if it is still
     * {@code pending}. Returns whether it did; an approval leaves {@code pending} once, so at most
     * one decision ever leads to an execute command, whatever reaches policy after it. Leaving
     * {@code pending} deletes the action's sensitive inputs in the same transaction.
     */
    public boolean leavePending(Connection c, PolicyAction changed) throws SQLException {
        if (changed.state() != PolicyActionState.PENDING) {
            try (PreparedStatement s = c.prepareStatement("DELETE FROM policy_action_inputs WHERE action_id = ?")) {
                s.setString(1, changed.actionId());
                s.executeUpdate();
            }
        }
        try (PreparedStatement s = c.prepareStatement("UPDATE policy_actions "
                + "SET state = ?, decided_by = ?, decided_at = ?, comment = ? WHERE action_id = ? AND state = ?")) {
            s.setString(1, changed.state().wire());
            s.setString(2, changed.decidedBy());
            setInstant(s, 3, changed.decidedAt());
            s.setString(4, changed.comment());
            s.setString(5, changed.actionId());
            s.setString(6, PolicyActionState.PENDING.wire());
            return s.executeUpdate() == 1;
        }
    }

    /**
     * Approvals (actions that were ever held for a person), newest first; {@code state} narrows
     * them to {@code pending}, {@code approved}, {@code denied} or {@code expired}, null to all.
     */
    public List<PolicyAction> approvals(PolicyActionState state, int limit) {
        return database.autoCommit(c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT " + COLUMNS + " FROM policy_actions "
                            + "WHERE expires_at IS NOT NULL AND (?::text IS NULL OR state = ?) ORDER BY created_at DESC, action_id DESC LIMIT ?")) {
                String wire = state == null ? null : state.wire();
                s.setString(1, wire);
                s.setString(2, wire);
                s.setInt(3, limit);
                try (ResultSet rs = s.executeQuery()) {
                    List<PolicyAction> rows = new ArrayList<>();
                    while (rs.next()) {
                        rows.add(read(rs));
                    }
                    return rows;
                }
            }
        });
    }

    /** When the action was stored (planned), if it was. */
    public Optional<Instant> createdAt(String actionId) {
        return database.autoCommit(c -> {
            try (PreparedStatement s =
                    c.prepareStatement("SELECT created_at FROM policy_actions WHERE action_id = ?")) {
                s.setString(1, actionId);
                try (ResultSet rs = s.executeQuery()) {
                    return rs.next() ? Optional.of(rs.getTimestamp(1).toInstant()) : Optional.empty();
                }
            }
        });
    }

    private static Optional<PolicyAction> select(Connection c, String actionId, String suffix) throws SQLException {
        try (PreparedStatement s =
                c.prepareStatement("SELECT " + COLUMNS + " FROM policy_actions WHERE action_id = ?" + suffix)) {
            s.setString(1, actionId);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(read(rs)) : Optional.empty();
            }
        }
    }

    private static void bindAll(PreparedStatement s, PolicyAction a) throws SQLException {
        s.setString(1, a.actionId());
        s.setString(2, a.intent());
        s.setString(3, new String(Json.bytes(a.params()), StandardCharsets.UTF_8));
        s.setString(4, a.node());
        s.setString(5, a.principal());
        s.setString(6, a.sessionId());
        s.setLong(7, a.timeoutMs());
        s.setInt(8, a.maxRetries());
        s.setString(9, a.contentHash());
        s.setString(10, new String(Json.bytes(a.validation()), StandardCharsets.UTF_8));
        s.setString(11, a.state().wire());
        setInstant(s, 12, a.expiresAt());
        s.setString(13, a.decidedBy());
        setInstant(s, 14, a.decidedAt());
        s.setString(15, a.comment());
        s.setString(16, a.decision() == null ? null : new String(Json.bytes(a.decision()), StandardCharsets.UTF_8));
        s.setBoolean(17, a.admitted());
    }

    private static PolicyAction read(ResultSet rs) throws SQLException {
        return new PolicyAction(
                rs.getString("action_id"),
                rs.getString("intent"),
                readJson(rs.getString("params"), PARAMS),
                rs.getString("node"),
                rs.getString("principal"),
                rs.getString("session_id"),
                rs.getLong("timeout_ms"),
                rs.getInt("max_retries"),
                rs.getString("content_hash"),
                readJson(rs.getString("validation"), VALIDATION),
                PolicyActionState.fromWire(rs.getString("state")),
                instant(rs.getTimestamp("expires_at")),
                rs.getString("decided_by"),
                instant(rs.getTimestamp("decided_at")),
                rs.getString("comment"),
                rs.getString("decision") == null ? null : readJson(rs.getString("decision"), DECISION));
    }

    private static <T> T readJson(String json, TypeReference<T> type) {
        try {
            return Json.mapper().readValue(json, type);
        } catch (IOException e) {
            throw new Json.JsonException("Stored JSON is unreadable: " + e.getMessage(), e);
        }
    }

    private static void setInstant(PreparedStatement s, int index, Instant instant) throws SQLException {
        if (instant == null) {
            s.setNull(index, Types.TIMESTAMP_WITH_TIMEZONE);
        } else {
            s.setTimestamp(index, Timestamp.from(instant));
        }
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
