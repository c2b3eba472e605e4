package dev.handrail.policy.budget;

import dev.handrail.policy.decision.Conditions;
import dev.handrail.policy.jdbc.Database;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import java.sql.PreparedStatement;
import java.sql.ResultSet;

/**
 * Reads what budgets are measured in: admitted actions (allowed or held for approval) per
 * session and per principal over the last minute, from {@code budget_usage}, which
 * {@code PolicyActionStore} counts up as it stores each admitted action and every instance shares.
 * The minute is 60 to 61 whole seconds by the database's clock (per-second buckets, so a check
 * never counts less than the last 60 s). Plans decided at the same moment on different instances
 * do not see each other, so a budget can be overrun by at most the plans in flight at once.
 * Stateless.
 */
@Singleton
public class BudgetCounter {

    private static final String NOW_SECOND = "floor(extract(epoch FROM now()))::bigint";

    private final Database database;

    public BudgetCounter(Database database) {
        this.database = database;
    }

    /**
     * Actions admitted in {@code sessionId}, ever, and for {@code principal} in the last 60
     * seconds (by the database's clock), in one query; a null key counts 0.
     */
    public Conditions.BudgetUsage usage(String sessionId, String principal) {
        if (sessionId == null && principal == null) {
            return Conditions.BudgetUsage.NONE;
        }
        return database.autoCommit(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT "
                    + "coalesce(sum(admitted) FILTER (WHERE scope = 'session'), 0), "
                    + "coalesce(sum(admitted) FILTER (WHERE scope = 'principal'), 0) FROM budget_usage "
                    + "WHERE (scope = 'session' AND key = ? AND bucket = 0) "
                    + "OR (scope = 'principal' AND key = ? AND bucket >= " + NOW_SECOND + " - 60)")) {
                s.setString(1, sessionId);
                s.setString(2, principal);
                try (ResultSet rs = s.executeQuery()) {
                    rs.next();
                    return new Conditions.BudgetUsage(rs.getLong(1), rs.getLong(2));
                }
            }
        });
    }

    /** Forgets per-second counts no window reaches any more. */
    @Scheduled(fixedDelay = "30s", initialDelay = "30s")
    public int forgetOldSeconds() {
        return database.autoCommit(c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "DELETE FROM budget_usage WHERE scope = 'principal' AND bucket < " + NOW_SECOND + " - 120")) {
                return s.executeUpdate();
            }
        });
    }
}
