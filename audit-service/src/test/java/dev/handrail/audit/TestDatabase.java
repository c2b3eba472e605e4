package dev.handrail.audit;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.handrail.audit.jdbc.DatabaseRoles;
import dev.handrail.audit.jdbc.ServiceRoleUrl;
import dev.handrail.audit.projection.ActionProjection;
import dev.handrail.audit.redaction.Redactor;
import dev.handrail.audit.store.AppendListener;
import dev.handrail.audit.store.EventAppender;
import dev.handrail.devkit.Infrastructure;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.flywaydb.core.Flyway;

/**
 * A fresh PostgreSQL database migrated by the production migrations as the owner (the embedded
 * server's superuser), with a pool for the service role (what the service connects as) and one
 * for the owner (what a tamper test abuses).
 */
public record TestDatabase(String ownerUrl, HikariDataSource service, HikariDataSource owner) implements AutoCloseable {

    /** A new database, migrated. */
    public static TestDatabase create(String prefix) {
        String url = Infrastructure.shared().newDatabase(prefix);
        HikariDataSource owner = pool(url, null, null);
        DatabaseRoles roles = new DatabaseRoles();
        Flyway.configure()
                .dataSource(owner)
                .schemas("audit")
                .defaultSchema("audit")
                .createSchemas(true)
                .placeholders(roles.placeholders())
                .load()
                .migrate();
        HikariDataSource service =
                pool(ServiceRoleUrl.withoutCredentials(url), roles.getServiceUser(), roles.getServicePassword());
        return new TestDatabase(url, service, owner);
    }

    private static HikariDataSource pool(String url, String user, String password) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setUsername(user);
        config.setPassword(password);
        config.setSchema("audit");
        config.setMaximumPoolSize(6);
        config.addDataSourceProperty("reWriteBatchedInserts", "true");
        return new HikariDataSource(config);
    }

    /**
     * An appender as the service runs it: connected as the service role, redacting, signing a
     * checkpoint every {@code checkpointEvery} events with a fresh key.
     */
    public EventAppender appender(int checkpointEvery) {
        return new EventAppender(
                service,
                new ActionProjection(),
                Redactor.redacting(),
                TestKeys.checkpointer(checkpointEvery),
                AppendListener.NONE);
    }

    /** Runs statements as the superuser with triggers off, as someone with full control of the server could. */
    public void asSuperuserBypassingTriggers(String... sql) throws SQLException {
        try (Connection c = owner.getConnection();
                Statement s = c.createStatement()) {
            s.execute("SET session_replication_role = replica");
            for (String statement : sql) {
                s.execute(statement);
            }
            s.execute("SET session_replication_role = origin");
        }
    }

    /** Empties every table (a superuser's TRUNCATE with triggers off), for the next test. */
    public void wipe() throws SQLException {
        asSuperuserBypassingTriggers(
                "TRUNCATE events, actions, checkpoints, signing_keys, quarantine, archived_segments, archived_action_events");
    }

    @Override
    public void close() {
        service.close();
        owner.close();
    }
}
