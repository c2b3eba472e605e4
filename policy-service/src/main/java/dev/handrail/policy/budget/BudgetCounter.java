package dev.handrail.policy.budget;

import dev.handrail.policy.jdbc.Database;
import jakarta.inject.Singleton;
import java.sql.PreparedStatement;
import java.sql.ResultSet;

/**
 * Counts what budgets are measured in: admitted actions (allowed or held for approval) per
 * session and per principal over the last minute, from {@code policy_actions}, which every
 * instance shares. Plans decided at the same moment on different instances do not see each
 * other, so a budget can be overrun by at most the plans in flight at once. Stateless.
 */
@Singleton
public class BudgetCounter {

    private final Database database;

    public BudgetCounter(Database database) {
        this.database = database;
    }

    /** Actions admitted in {@code sessionId}, ever. */
    public long session(String sessionId) {
        return count("SELECT count(*) FROM policy_actions WHERE admitted AND session_id = ?", sessionId);
    }

    /** Actions admitted for {@code principal} in the last 60 seconds (by the database's clock). */
    public long principalLastMinute(String principal) {
        return count("SELECT count(*) FROM policy_actions WHERE admitted AND principal = ? "
                + "AND created_at > now() - interval '1 minute'", principal);
    }

    private long count(String sql, String key) {
        return database.autoCommit(c -> {
            try (PreparedStatement s = c.prepareStatement(sql)) {
                s.setString(1, key);
                try (ResultSet rs = s.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
    }
}
