package dev.handrail.policy.jdbc;

import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * Plain JDBC on the service's pool: one unit of work on one connection, in a transaction that
 * commits when the work returns and rolls back when it throws. Thread-safe (the pool is).
 */
@Singleton
public class Database {

    private final DataSource dataSource;

    public Database(DataSource dataSource) {
        // The injected bean is Micronaut Data's contextual proxy, which wants a managed
        // transaction around every use; this service manages its own, so it talks to the pool.
        this.dataSource = DelegatingDataSource.unwrapDataSource(dataSource);
    }

    /** Work on one connection. */
    @FunctionalInterface
    public interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    /** Runs {@code work} in one transaction. */
    public <T> T inTransaction(Work<T> work) {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                T result = work.run(connection);
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                rollbackQuietly(connection, e);
                throw e;
            }
        } catch (SQLException e) {
            throw new StoreException("Database work failed: " + e.getMessage(), e);
        }
    }

    /** Runs {@code work} with auto-commit (each statement its own transaction). */
    public <T> T autoCommit(Work<T> work) {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(true);
            return work.run(connection);
        } catch (SQLException e) {
            throw new StoreException("Database work failed: " + e.getMessage(), e);
        }
    }

    private static void rollbackQuietly(Connection connection, Exception cause) {
        try {
            connection.rollback();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }
}
