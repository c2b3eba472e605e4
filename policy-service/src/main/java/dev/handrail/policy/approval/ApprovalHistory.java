package dev.handrail.policy.approval;

import dev.handrail.policy.jdbc.Database;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;

/** Reads and writes {@code approval_decisions}: who did what to each approval, when and why. Stateless and thread-safe. */
@Singleton
public class ApprovalHistory {

    private final Database database;

    public ApprovalHistory(Database database) {
        this.database = database;
    }

    /** Records an entry inside the caller's transaction. */
    public void record(Connection c, String actionId, ApprovalEntry entry) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "INSERT INTO approval_decisions (action_id, verdict, decided_by, decided_at, comment) VALUES (?, ?, ?, ?, ?)")) {
            s.setString(1, actionId);
            s.setString(2, entry.verdict());
            s.setString(3, entry.decidedBy());
            s.setTimestamp(4, Timestamp.from(entry.decidedAt()));
            s.setString(5, entry.comment());
            s.executeUpdate();
        }
    }

    /** Everything recorded for one approval, oldest first. */
    public List<ApprovalEntry> of(String actionId) {
        return database.autoCommit(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT verdict, decided_by, decided_at, comment "
                    + "FROM approval_decisions WHERE action_id = ? ORDER BY id")) {
                s.setString(1, actionId);
                try (ResultSet rs = s.executeQuery()) {
                    List<ApprovalEntry> entries = new ArrayList<>();
                    while (rs.next()) {
                        entries.add(new ApprovalEntry(
                                rs.getString(1),
                                rs.getString(2),
                                rs.getTimestamp(3).toInstant(),
                                rs.getString(4)));
                    }
                    return entries;
                }
            }
        });
    }
}
