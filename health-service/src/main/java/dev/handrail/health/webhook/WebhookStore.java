package dev.handrail.health.webhook;

import dev.handrail.health.jdbc.HealthStoreException;
import dev.handrail.health.jdbc.Timestamps;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import jakarta.inject.Singleton;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The {@code webhooks}, {@code webhook_deliveries} and {@code webhook_attempts} tables, in plain
 * JDBC like the other health stores. Deliveries are unique per (event, webhook); due ones are
 * claimed with {@code FOR UPDATE SKIP LOCKED} and a lease, so instances never take the same
 * attempt. Thread-safe: every call uses its own pooled connection.
 */
@Singleton
public class WebhookStore {

    private static final String WEBHOOK_COLUMNS = "id, url, events, format, enabled, created_by, created_at";
    private static final String PENDING = "pending";

    private final DataSource dataSource;

    public WebhookStore(DataSource dataSource) {
        this.dataSource = DelegatingDataSource.unwrapDataSource(dataSource);
    }

    /** Stores a new webhook with its secret. */
    public void insert(Webhook webhook, String secret) {
        String sql = "INSERT INTO webhooks (id, url, events, format, secret, enabled, created_by, created_at) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?)";
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, webhook.id());
            s.setString(2, webhook.url());
            s.setArray(
                    3,
                    c.createArrayOf(
                            "text",
                            webhook.events().stream()
                                    .map(WebhookEventType::wire)
                                    .toArray()));
            s.setString(4, webhook.format().wire());
            s.setString(5, secret);
            s.setBoolean(6, webhook.enabled());
            s.setString(7, webhook.createdBy());
            s.setObject(8, Timestamps.of(webhook.createdAt()));
            s.executeUpdate();
        } catch (SQLException e) {
            throw new HealthStoreException("Cannot store webhook " + webhook.id() + ": " + e.getMessage(), e);
        }
    }

    /** Every webhook, oldest first. */
    public List<Webhook> list() {
        return webhooks("SELECT " + WEBHOOK_COLUMNS + " FROM webhooks ORDER BY created_at, id", null);
    }

    /** One webhook. */
    public Optional<Webhook> find(String id) {
        return webhooks("SELECT " + WEBHOOK_COLUMNS + " FROM webhooks WHERE id = ?", id).stream()
                .findFirst();
    }

    /** The enabled webhooks subscribed to a type, each with its format. */
    public List<Webhook> subscribers(WebhookEventType type) {
        return webhooks(
                "SELECT " + WEBHOOK_COLUMNS + " FROM webhooks WHERE enabled AND ? = ANY (events) ORDER BY id",
                type.wire());
    }

    /** Enables or disables a webhook; the webhook after the change, or empty if there is none. */
    public Optional<Webhook> setEnabled(String id, boolean enabled) {
        String sql = "UPDATE webhooks SET enabled = ? WHERE id = ? RETURNING " + WEBHOOK_COLUMNS;
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement(sql)) {
            s.setBoolean(1, enabled);
            s.setString(2, id);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(readWebhook(rs)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new HealthStoreException("Cannot update webhook " + id + ": " + e.getMessage(), e);
        }
    }

    /** Deletes a webhook with its deliveries; whether there was one. */
    public boolean delete(String id) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("DELETE FROM webhooks WHERE id = ?")) {
            s.setString(1, id);
            return s.executeUpdate() > 0;
        } catch (SQLException e) {
            throw new HealthStoreException("Cannot delete webhook " + id + ": " + e.getMessage(), e);
        }
    }

    /**
     * Stores one delivery per webhook for an event, due at once, in one transaction; a delivery
     * that exists already (the event came again) is left as it is.
     */
    public void enqueue(String eventId, WebhookEventType type, List<PendingDelivery> deliveries, Instant now) {
        String sql = "INSERT INTO webhook_deliveries (webhook_id, event_id, event_type, body, state, next_attempt_at, "
                + "created_at) VALUES (?, ?, ?, ?, 'pending', ?, ?) ON CONFLICT (event_id, webhook_id) DO NOTHING";
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement(sql)) {
            c.setAutoCommit(false);
            try {
                for (PendingDelivery delivery : deliveries) {
                    s.setString(1, delivery.webhookId());
                    s.setString(2, eventId);
                    s.setString(3, type.wire());
                    s.setString(4, delivery.body());
                    s.setObject(5, Timestamps.of(now));
                    s.setObject(6, Timestamps.of(now));
                    s.addBatch();
                }
                s.executeBatch();
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new HealthStoreException(
                    "Cannot store the deliveries of event " + eventId + ": " + e.getMessage(), e);
        }
    }

    /**
     * Claims up to {@code limit} due deliveries of enabled webhooks for one attempt each: counts
     * the attempt and pushes the due time to {@code leaseUntil}, so no other instance takes them
     * while this one sends (and another does once the lease lapses, should this one die).
     */
    public List<DueDelivery> claimDue(Instant now, Instant leaseUntil, int limit) {
        String sql = "UPDATE webhook_deliveries d SET attempts = d.attempts + 1, next_attempt_at = ? FROM webhooks w "
                + "WHERE w.id = d.webhook_id AND d.id IN (SELECT due.id FROM webhook_deliveries due "
                + "JOIN webhooks hook ON hook.id = due.webhook_id WHERE due.state = 'pending' AND hook.enabled "
                + "AND due.next_attempt_at <= ? ORDER BY due.next_attempt_at LIMIT ? FOR UPDATE OF due SKIP LOCKED) "
                + "RETURNING d.id, d.webhook_id, w.url, w.secret, d.event_id, d.body, d.attempts";
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement(sql)) {
            s.setObject(1, Timestamps.of(leaseUntil));
            s.setObject(2, Timestamps.of(now));
            s.setInt(3, limit);
            try (ResultSet rs = s.executeQuery()) {
                List<DueDelivery> due = new ArrayList<>();
                while (rs.next()) {
                    due.add(new DueDelivery(
                            rs.getLong("id"),
                            rs.getString("webhook_id"),
                            rs.getString("url"),
                            rs.getString("secret"),
                            rs.getString("event_id"),
                            rs.getString("body"),
                            rs.getInt("attempts")));
                }
                return due;
            }
        } catch (SQLException e) {
            throw new HealthStoreException("Cannot claim due webhook deliveries: " + e.getMessage(), e);
        }
    }

    /**
     * Records one attempt and what follows it: {@code delivered}, due again at {@code retryAt},
     * or {@code failed} for good when {@code retryAt} is null. The delivery moves only if this
     * attempt is still its latest (a lapsed lease may have passed it to another instance).
     */
    public void recordAttempt(
            DueDelivery delivery, WebhookDelivery.Attempt attempt, boolean delivered, Instant retryAt) {
        String insert = "INSERT INTO webhook_attempts (delivery_id, attempt, at, status_code, error, duration_ms) "
                + "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING";
        String update = "UPDATE webhook_deliveries SET state = ?, next_attempt_at = COALESCE(?, next_attempt_at), "
                + "finished_at = ? WHERE id = ? AND attempts = ? AND state = 'pending'";
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement a = c.prepareStatement(insert);
                    PreparedStatement u = c.prepareStatement(update)) {
                a.setLong(1, delivery.id());
                a.setInt(2, attempt.attempt());
                a.setObject(3, Timestamps.of(attempt.at()));
                if (attempt.statusCode() == null) {
                    a.setNull(4, Types.INTEGER);
                } else {
                    a.setInt(4, attempt.statusCode());
                }
                a.setString(5, attempt.error());
                a.setLong(6, attempt.durationMs());
                a.executeUpdate();
                String state = delivered ? "delivered" : retryAt == null ? "failed" : PENDING;
                u.setString(1, state);
                u.setObject(2, Timestamps.of(retryAt));
                u.setObject(3, state.equals(PENDING) ? null : Timestamps.of(attempt.at()));
                u.setLong(4, delivery.id());
                u.setInt(5, delivery.attempt());
                u.executeUpdate();
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new HealthStoreException(
                    "Cannot record an attempt of delivery " + delivery.id() + ": " + e.getMessage(), e);
        }
    }

    /** A webhook's latest deliveries, newest first, each with its attempts in order. */
    public List<WebhookDelivery> deliveries(String webhookId, int limit) {
        String sql = "SELECT d.id, d.event_id, d.event_type, d.state, d.attempts, d.next_attempt_at, d.created_at, "
                + "d.finished_at, a.attempt, a.at, a.status_code, a.error, a.duration_ms FROM "
                + "(SELECT * FROM webhook_deliveries WHERE webhook_id = ? ORDER BY created_at DESC, id DESC LIMIT ?) d "
                + "LEFT JOIN webhook_attempts a ON a.delivery_id = d.id ORDER BY d.created_at DESC, d.id DESC, a.attempt";
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, webhookId);
            s.setInt(2, limit);
            Map<Long, Row> rows = new LinkedHashMap<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    long id = rs.getLong("id");
                    Row row = rows.get(id);
                    if (row == null) {
                        row = new Row(rs);
                        rows.put(id, row);
                    }
                    int attempt = rs.getInt("attempt");
                    if (!rs.wasNull()) {
                        int status = rs.getInt("status_code");
                        Integer statusCode = rs.wasNull() ? null : status;
                        row.attempts.add(new WebhookDelivery.Attempt(
                                attempt,
                                Timestamps.read(rs, "at"),
                                statusCode,
                                rs.getString("error"),
                                rs.getLong("duration_ms")));
                    }
                }
            }
            return rows.values().stream().map(Row::delivery).toList();
        } catch (SQLException e) {
            throw new HealthStoreException(
                    "Cannot read the deliveries of webhook " + webhookId + ": " + e.getMessage(), e);
        }
    }

    private List<Webhook> webhooks(String sql, String param) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement(sql)) {
            if (param != null) {
                s.setString(1, param);
            }
            try (ResultSet rs = s.executeQuery()) {
                List<Webhook> found = new ArrayList<>();
                while (rs.next()) {
                    found.add(readWebhook(rs));
                }
                return found;
            }
        } catch (SQLException e) {
            throw new HealthStoreException("Cannot read webhooks: " + e.getMessage(), e);
        }
    }

    private static Webhook readWebhook(ResultSet rs) throws SQLException {
        Array events = rs.getArray("events");
        List<WebhookEventType> types = Arrays.stream((String[]) events.getArray())
                .map(WebhookEventType::fromWire)
                .flatMap(Optional::stream)
                .toList();
        WebhookFormat format = WebhookFormat.fromWire(rs.getString("format")).orElse(WebhookFormat.JSON);
        return new Webhook(
                rs.getString("id"),
                rs.getString("url"),
                types,
                format,
                rs.getBoolean("enabled"),
                rs.getString("created_by"),
                Timestamps.read(rs, "created_at"));
    }

    /** A delivery being read, its attempts still arriving row by row. */
    private static final class Row {
        private final long id;
        private final String eventId;
        private final WebhookEventType type;
        private final String state;
        private final int attemptCount;
        private final Instant nextAttemptAt;
        private final Instant createdAt;
        private final Instant finishedAt;
        private final List<WebhookDelivery.Attempt> attempts = new ArrayList<>();

        Row(ResultSet rs) throws SQLException {
            id = rs.getLong("id");
            eventId = rs.getString("event_id");
            type = WebhookEventType.fromWire(rs.getString("event_type")).orElse(null);
            state = rs.getString("state");
            attemptCount = rs.getInt("attempts");
            nextAttemptAt = PENDING.equals(state) ? Timestamps.read(rs, "next_attempt_at") : null;
            createdAt = Timestamps.read(rs, "created_at");
            finishedAt = Timestamps.read(rs, "finished_at");
        }

        WebhookDelivery delivery() {
            return new WebhookDelivery(
                    id, eventId, type, state, attemptCount, nextAttemptAt, createdAt, finishedAt, attempts);
        }
    }
}
