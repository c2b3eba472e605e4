package dev.handrail.audit.query;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Filters on columns (or expressions) of one table, turned into a WHERE clause with bind
 * parameters: exact matches and time bounds. Column names come only from this package's code,
 * never from a request. Not thread-safe: built and used by one query.
 */
final class Filters {

    private final List<String> conditions = new ArrayList<>();
    private final List<Object> values = new ArrayList<>();

    /** Adds {@code column = value} unless the value is null or blank (no filter). */
    Filters eq(String column, String value) {
        if (value != null && !value.isBlank()) {
            conditions.add(column + " = ?");
            values.add(value);
        }
        return this;
    }

    /** Adds {@code condition}, which has one {@code ?}, bound to {@code value}, unless the value is null or blank. */
    Filters where(String condition, String value) {
        if (value != null && !value.isBlank()) {
            conditions.add(condition);
            values.add(value);
        }
        return this;
    }

    /** Adds {@code column >= from} unless {@code from} is null. */
    Filters since(String column, Instant from) {
        if (from != null) {
            conditions.add(column + " >= ?");
            values.add(Timestamp.from(from));
        }
        return this;
    }

    /** Adds {@code column < to} unless {@code to} is null. */
    Filters before(String column, Instant to) {
        if (to != null) {
            conditions.add(column + " < ?");
            values.add(Timestamp.from(to));
        }
        return this;
    }

    /** {@code WHERE a = ? AND b >= ?}, or nothing when there are no filters. */
    String where() {
        return conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
    }

    /** Binds the values from parameter 1 on; returns the next free parameter index. */
    int bind(PreparedStatement ps) throws SQLException {
        int i = 1;
        for (Object v : values) {
            if (v instanceof Timestamp t) {
                ps.setTimestamp(i++, t);
            } else {
                ps.setString(i++, (String) v);
            }
        }
        return i;
    }

    /** Clamps a requested page size to 1..500; 0 asks for the default of 50. */
    static int limit(int requested) {
        return requested == 0 ? 50 : Math.clamp(requested, 1, 500);
    }
}
