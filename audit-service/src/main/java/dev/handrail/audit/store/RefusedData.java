package dev.handrail.audit.store;

import dev.handrail.audit.jdbc.EventStoreException;
import java.sql.SQLException;

/**
 * Tells a failure that is the data's own from any other, which passes and must be retried. The
 * data's own: PostgreSQL refused a value (SQLSTATE class 22, data exception, e.g. {@code 22P05} for
 * the NUL character in jsonb; or class 54, a value past a limit). Only that may send an event to the
 * quarantine: a database that is away, or a failure of this service (a checkpoint that cannot be
 * signed), must never do so, or it would quarantine every event it meets.
 */
final class RefusedData {

    private RefusedData() {}

    static boolean is(RuntimeException failure) {
        String state = failure instanceof EventStoreException ? sqlState(failure) : null;
        return state != null && (state.startsWith("22") || state.startsWith("54"));
    }

    /** Why the event could not be stored: PostgreSQL's own words with its SQLSTATE. */
    static String describe(RuntimeException failure) {
        return "PostgreSQL refused it: " + sqlState(failure) + " " + failure.getMessage();
    }

    private static String sqlState(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLException e) {
                for (SQLException next = e; next != null; next = next.getNextException()) {
                    if (next.getSQLState() != null && !next.getSQLState().startsWith("25")) {
                        return next.getSQLState();
                    }
                }
            }
        }
        return null;
    }
}
