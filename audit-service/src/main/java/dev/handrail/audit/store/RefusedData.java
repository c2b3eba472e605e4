package dev.handrail.audit.store;

import java.sql.SQLException;

/**
 * Tells a failure that is the data's own (PostgreSQL refused a value: SQLSTATE class 22, data
 * exception, e.g. {@code 22P05} for the NUL character in jsonb; or class 54, a value past a limit)
 * from one of the database or the connection, which passes and must be retried. Only the former
 * may send an event to the quarantine: a database that is away must never do so.
 */
final class RefusedData {

    private RefusedData() {
    }

    static boolean is(Throwable failure) {
        String state = sqlState(failure);
        return state != null && (state.startsWith("22") || state.startsWith("54"));
    }

    /** PostgreSQL's own words for the refusal, or the failure's message. */
    static String message(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLException e && e.getSQLState() != null) {
                return e.getSQLState() + " " + e.getMessage();
            }
        }
        return failure.getMessage();
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
