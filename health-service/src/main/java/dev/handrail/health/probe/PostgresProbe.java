package dev.handrail.health.probe;

import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.Statement;
import javax.sql.DataSource;

/** PostgreSQL answers {@code SELECT 1} on this service's data source. */
@Singleton
public final class PostgresProbe implements DependencyProbe {

    private static final int QUERY_TIMEOUT_SECONDS = 2;

    private final DataSource dataSource;

    /**
     * @param dataSource the service's data source; the pool behind Micronaut's contextual proxy
     *                   is used, since this class manages its own connections
     */
    public PostgresProbe(DataSource dataSource) {
        this.dataSource = DelegatingDataSource.unwrapDataSource(dataSource);
    }

    @Override
    public String name() {
        return "postgres";
    }

    @Override
    public void check() throws Exception {
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement()) {
            statement.setQueryTimeout(QUERY_TIMEOUT_SECONDS);
            statement.execute("SELECT 1");
        }
    }
}
