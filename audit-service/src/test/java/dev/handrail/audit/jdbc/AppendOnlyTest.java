package dev.handrail.audit.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.handrail.audit.Lifecycles;
import dev.handrail.audit.TestDatabase;
import dev.handrail.audit.store.EventAppender;
import dev.handrail.contracts.action.ActionIds;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The database itself keeps the audit trail append-only: the service role's grants and the triggers. */
class AppendOnlyTest {

    private static TestDatabase db;

    @BeforeAll
    static void storeSomeEvents() {
        db = TestDatabase.create("audit_append_only");
        EventAppender appender = db.appender(5);
        appender.append(Lifecycles.succeeded(ActionIds.next(), "s-1").stream()
                .map(e -> Lifecycles.incoming(e))
                .toList());
    }

    @AfterAll
    static void close() {
        db.close();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "UPDATE events SET type = 'forged' WHERE seq = 1",
                "DELETE FROM events WHERE seq = 5",
                "TRUNCATE events",
                "UPDATE checkpoints SET hash = 'forged'",
                "DELETE FROM checkpoints",
                "TRUNCATE checkpoints",
                "DELETE FROM signing_keys",
                "DELETE FROM archived_segments",
                "INSERT INTO archived_segments (first_seq, last_seq, anchor_hash, last_hash, checkpoint_seq, events,"
                        + " file_name, file_sha256, archived_by) VALUES (1, 5, 'a', 'b', 5, 5, 'f', 'h', 'me')",
                "DROP TABLE events",
                "ALTER TABLE events DISABLE TRIGGER events_append_only"
            })
    void serviceRoleCannotChangeOrRemoveWhatIsStored(String sql) {
        assertThatThrownBy(() -> execute(db.service(), sql)).isInstanceOf(SQLException.class);
        assertThat(count("events")).isEqualTo(5);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "UPDATE events SET type = 'forged' WHERE seq = 1",
                "DELETE FROM events WHERE seq = 5",
                "TRUNCATE events",
                "UPDATE checkpoints SET hash = 'forged'",
                "TRUNCATE checkpoints"
            })
    void triggersRefuseChangesEvenToTheOwner(String sql) {
        assertThatThrownBy(() -> execute(db.owner(), sql))
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("append-only");
        assertThat(count("events")).isEqualTo(5);
    }

    @Test
    void serviceRoleMayAppendAndMayUpdateTheProjection() throws SQLException {
        execute(db.service(), "UPDATE actions SET out_of_order = 0");
        assertThat(count("actions")).isEqualTo(1);
    }

    @Test
    void serviceRoleIsNotASuperuserAndOwnsNothing() throws SQLException {
        try (Connection c = db.service().getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(
                        "SELECT current_user, r.rolsuper, (SELECT tableowner FROM pg_tables "
                                + "WHERE schemaname = 'audit' AND tablename = 'events') FROM pg_roles r WHERE r.rolname = current_user")) {
            rs.next();
            assertThat(rs.getString(1)).isEqualTo("handrail_audit");
            assertThat(rs.getBoolean(2)).isFalse();
            assertThat(rs.getString(3)).isNotEqualTo("handrail_audit");
        }
    }

    @Test
    void guardFindsNoPowerInTheServiceRoleButFindsThemInTheOwner() {
        DatabaseRoles roles = new DatabaseRoles();

        assertThat(new AppendOnlyGuard(db.service(), roles).powersOfTheServiceRole())
                .isEmpty();
        assertThat(new AppendOnlyGuard(db.owner(), roles).powersOfTheServiceRole())
                .contains("UPDATE events", "TRUNCATE events")
                .anyMatch(p -> p.startsWith("act as a superuser"));
    }

    @Test
    void credentialsInTheSharedUrlGiveWayToTheConfiguredUser() {
        assertThat(ServiceRoleUrl.withoutCredentials("jdbc:postgresql://h:5/db?user=postgres&ssl=true&password=x"))
                .isEqualTo("jdbc:postgresql://h:5/db?ssl=true");
        assertThat(ServiceRoleUrl.withoutCredentials("jdbc:postgresql://h:5/db?user=postgres"))
                .isEqualTo("jdbc:postgresql://h:5/db");
        assertThat(ServiceRoleUrl.withoutCredentials("jdbc:postgresql://h:5/db"))
                .isEqualTo("jdbc:postgresql://h:5/db");
    }

    private static void execute(DataSource dataSource, String sql) throws SQLException {
        try (Connection c = dataSource.getConnection();
                Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static long count(String table) {
        try (Connection c = db.owner().getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT count(*) FROM audit." + table)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
