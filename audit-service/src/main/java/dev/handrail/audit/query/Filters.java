package dev.handrail.audit.query;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Exact-match filters on columns of the {@code actions} table, turned into a WHERE clause with
 * bind parameters. Column names come only from this package's code, never from a request.
 * Not thread-safe: built and used by one query.
 */
final class Filters {

    private final List<String> columns = new ArrayList<>();
    private final List<String> values = new ArrayList<>();

    /** Adds {@code column = value} unless the value is null or blank (no filter). */
    Filters eq(String column, String value) {
        if (value != null && !value.isBlank()) {
            columns.add(column);
            values.add(value);
        }
        return this;
    }

    /** {@code WHERE a = ? AND b = ?}, or nothing when there are no filters. */
    String where() {
        return columns.isEmpty() ? "" : " WHERE " + String.join(" AND ", columns.stream().map(c -> c + " = ?").toList());
    }

    /** Binds the values from parameter 1 on; returns the next free parameter index. */
    int bind(PreparedStatement ps) throws SQLException {
        int i = 1;
        for (String v : values) {
            ps.setString(i++, v);
        }
        return i;
    }

    /** Clamps a requested page size to 1..500; 0 asks for the default of 50. */
    static int limit(int requested) {
        return requested == 0 ? 50 : Math.clamp(requested, 1, 500);
    }
}
