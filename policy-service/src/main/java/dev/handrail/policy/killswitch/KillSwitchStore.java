package dev.handrail.policy.killswitch;

import dev.handrail.policy.jdbc.Database;
import jakarta.inject.Singleton;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;

/** Reads and writes {@code kill_switches}, where the kill switch outlives every instance. Stateless and thread-safe. */
@Singleton
public class KillSwitchStore {

    private final Database database;

    public KillSwitchStore(Database database) {
        this.database = database;
    }

    /** Stores a scope's new state unless a newer one is stored already. */
    public void save(KillSwitchState state) {
        database.autoCommit(c -> {
            try (PreparedStatement s =
                    c.prepareStatement("INSERT INTO kill_switches (scope, engaged, reason, changed_by, changed_at) "
                            + "VALUES (?, ?, ?, ?, ?) ON CONFLICT (scope) DO UPDATE SET engaged = EXCLUDED.engaged, "
                            + "reason = EXCLUDED.reason, changed_by = EXCLUDED.changed_by, changed_at = EXCLUDED.changed_at "
                            + "WHERE kill_switches.changed_at <= EXCLUDED.changed_at")) {
                s.setString(1, state.scope());
                s.setBoolean(2, state.engaged());
                s.setString(3, state.reason());
                s.setString(4, state.changedBy());
                s.setTimestamp(5, Timestamp.from(state.changedAt()));
                return s.executeUpdate();
            }
        });
    }

    /** Every scope ever touched, with its latest state. */
    public List<KillSwitchState> all() {
        return database.autoCommit(c -> {
            try (PreparedStatement s = c.prepareStatement(
                            "SELECT scope, engaged, reason, changed_by, changed_at FROM kill_switches ORDER BY scope");
                    ResultSet rs = s.executeQuery()) {
                List<KillSwitchState> states = new ArrayList<>();
                while (rs.next()) {
                    states.add(new KillSwitchState(
                            rs.getString(1),
                            rs.getBoolean(2),
                            rs.getString(3),
                            rs.getString(4),
                            rs.getTimestamp(5).toInstant()));
                }
                return states;
            }
        });
    }
}
