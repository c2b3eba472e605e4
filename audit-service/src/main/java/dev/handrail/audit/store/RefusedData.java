package dev.handrail.audit.store;

import dev.handrail.audit.jdbc.EventStoreException;
import java.sql.SQLException;

/**
 * Tells a failure that is the data's own from one of the database or the connection, which passes
 * and must be retried. The data's own: PostgreSQL refused a value (SQLSTATE class 22, data
 * exception, e.g. {@code 22P05} for the NUL character in jsonb; or class 54, a value past a limit),
 * or storing it failed in this code rather than in the database (anything but an
 * {@link EventStoreException}). Only those may send an event to the quarantine: a database that is
 * away must never do so.
 */
final class RefusedData {

    private RefusedData() {
    }

    static boolean is(RuntimeException failure) {
        if (!(failure instanceof EventStoreException)) {
            return true;
        }
        String state = sqlState(failure);
        return state != null && (state.startsWith("22") || state.startsWith("54"));
    }

    /** Why the event could not be stored: PostgreSQL's own words with its SQLSTATE, or the failure. */
    static String describe(RuntimeException failure) {
        String state = sqlState(failure);
        return state != null ? "PostgreSQL refused it: " + state + " " + failure.getMessage()
                : "storing it failed: " + failure;
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
