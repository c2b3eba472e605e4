package dev.handrail.audit.jdbc;

import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.context.event.StartupEvent;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks at start-up that the role the service connects as cannot change what it stored: not a
 * superuser, not the owner of the events table, no UPDATE, DELETE or TRUNCATE on events or
 * checkpoints. When {@code handrail.audit.database.require-append-only} is on (the default) a role
 * that could fails the start with {@link WritableAuditTrailException}. Stateless.
 */
@Singleton
public class AppendOnlyGuard implements ApplicationEventListener<StartupEvent> {

    private static final Logger LOG = LoggerFactory.getLogger(AppendOnlyGuard.class);
    private static final String CHECK = """
            SELECT current_user, r.rolsuper,
                   pg_has_role(current_user, (SELECT tableowner FROM pg_tables WHERE schemaname = current_schema AND tablename = 'events'), 'USAGE'),
                   has_table_privilege('events', 'UPDATE'), has_table_privilege('events', 'DELETE'),
                   has_table_privilege('events', 'TRUNCATE'), has_table_privilege('checkpoints', 'UPDATE'),
                   has_table_privilege('checkpoints', 'DELETE'), has_table_privilege('checkpoints', 'TRUNCATE')
            FROM pg_roles r WHERE r.rolname = current_user""";

    private final DataSource dataSource;
    private final DatabaseRoles roles;

    public AppendOnlyGuard(DataSource dataSource, DatabaseRoles roles) {
        this.dataSource = PlainDataSource.of(dataSource);
        this.roles = roles;
    }

    @Override
    public void onApplicationEvent(StartupEvent event) {
        List<String> powers = powersOfTheServiceRole();
        if (powers.isEmpty()) {
            return;
        }
        String message = "The audit service's database role can " + String.join(", ", powers)
                + "; it must only INSERT and SELECT (connect as " + roles.getServiceUser()
                + ", see the audit-service canvas)";
        if (roles.isRequireAppendOnly()) {
            throw new WritableAuditTrailException(message);
        }
        LOG.warn("{}; starting anyway because {}.require-append-only is false", message, DatabaseRoles.PREFIX);
    }

    /** What the connected role could do to stored events beyond appending; empty when nothing. */
    public List<String> powersOfTheServiceRole() {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(CHECK);
                ResultSet rs = ps.executeQuery()) {
            List<String> powers = new ArrayList<>();
            if (!rs.next()) {
                return List.of("not be identified");
            }
            String[] names = {
                "act as a superuser (" + rs.getString(1) + ")",
                "act as the owner of the events table",
                "UPDATE events",
                "DELETE events",
                "TRUNCATE events",
                "UPDATE checkpoints",
                "DELETE checkpoints",
                "TRUNCATE checkpoints"
            };
            for (int i = 0; i < names.length; i++) {
                if (rs.getBoolean(i + 2)) {
                    powers.add(names[i]);
                }
            }
            return powers;
        } catch (SQLException e) {
            throw new EventStoreException("Cannot check the audit service's database role: " + e.getMessage(), e);
        }
    }

    /** The service would run as a role able to rewrite the audit trail. */
    public static final class WritableAuditTrailException extends IllegalStateException {
        private static final long serialVersionUID = 1L;

        WritableAuditTrailException(String message) {
            super(message);
        }
    }
}
