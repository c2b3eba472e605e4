package dev.handrail.policy.plan;

import dev.handrail.policy.jdbc.Database;
import jakarta.inject.Singleton;
import java.sql.PreparedStatement;
import java.sql.ResultSet;

/**
 * Remembers which action first used each (principal, idempotency key). Claiming is one insert
 * that loses quietly to an earlier one, so concurrent plans with one key agree on the owner.
 * Stateless and thread-safe.
 */
@Singleton
public class IdempotencyStore {

    private final Database database;

    public IdempotencyStore(Database database) {
        this.database = database;
    }

    /**
     * Claims {@code key} for {@code actionId} unless someone already holds it, and returns the
     * action that holds it now ({@code actionId} itself for the first claim or a redelivery).
     */
    public String claim(String principal, String key, String actionId) {
        String owner = principal == null ? "" : principal;
        return database.autoCommit(c -> {
            try (PreparedStatement insert =
                    c.prepareStatement("INSERT INTO plan_idempotency (principal, idempotency_key, action_id) "
                            + "VALUES (?, ?, ?) ON CONFLICT (principal, idempotency_key) DO NOTHING")) {
                insert.setString(1, owner);
                insert.setString(2, key);
                insert.setString(3, actionId);
                insert.executeUpdate();
            }
            try (PreparedStatement select = c.prepareStatement(
                    "SELECT action_id FROM plan_idempotency WHERE principal = ? AND idempotency_key = ?")) {
                select.setString(1, owner);
                select.setString(2, key);
                try (ResultSet rs = select.executeQuery()) {
                    if (!rs.next()) {
                        throw new IllegalStateException(
                                "Idempotency key " + key + " vanished right after it was claimed");
                    }
                    return rs.getString(1);
                }
            }
        });
    }
}
