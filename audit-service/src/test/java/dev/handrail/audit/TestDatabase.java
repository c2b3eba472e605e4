package dev.handrail.audit;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.handrail.devkit.Infrastructure;
import org.flywaydb.core.Flyway;

/** A fresh PostgreSQL database with the audit schema migrated, for tests that need no NATS. */
public final class TestDatabase {

    private TestDatabase() {
    }

    /** A pooled data source on a new database, migrated by the production migrations. */
    public static HikariDataSource create(String prefix) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(Infrastructure.shared().newDatabase(prefix));
        config.setSchema("audit");
        config.setMaximumPoolSize(6);
        config.addDataSourceProperty("reWriteBatchedInserts", "true");
        HikariDataSource dataSource = new HikariDataSource(config);
        Flyway.configure().dataSource(dataSource).schemas("audit").defaultSchema("audit").createSchemas(true)
                .load().migrate();
        return dataSource;
    }
}
