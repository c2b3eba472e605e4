package dev.handrail.audit.jdbc;

import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import javax.sql.DataSource;

/**
 * The pool behind an injected data source. Micronaut Data injects a contextual proxy that wants a
 * managed transaction around every use; the audit store opens, commits and closes its own
 * connections, so it talks to the pool itself. Stateless.
 */
public final class PlainDataSource {

    private PlainDataSource() {}

    /** The data source itself when it is no proxy, otherwise the one it delegates to. */
    public static DataSource of(DataSource dataSource) {
        return DelegatingDataSource.unwrapDataSource(dataSource);
    }
}
