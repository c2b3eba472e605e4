package dev.handrail.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/** A plain-text table for people: a header and rows, each column as wide as its widest cell. */
final class Table {

    private final List<String[]> rows = new ArrayList<>();

    /** A table whose header is {@code header}, printed in capitals as command-line tables are. */
    Table(String... header) {
        rows.add(java.util.Arrays.stream(header)
                .map(h -> h.toUpperCase(java.util.Locale.ROOT))
                .toArray(String[]::new));
    }

    Table row(Object... cells) {
        String[] text = new String[cells.length];
        for (int i = 0; i < cells.length; i++) {
            text[i] = cells[i] == null ? "-" : cells[i].toString();
        }
        rows.add(text);
        return this;
    }

    boolean empty() {
        return rows.size() == 1;
    }

    void print(PrintWriter out) {
        int columns = rows.getFirst().length;
        int[] widths = new int[columns];
        for (String[] row : rows) {
            for (int i = 0; i < columns; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < columns; i++) {
                line.append(i == columns - 1 ? row[i] : String.format("%-" + widths[i] + "s  ", row[i]));
            }
            out.println(line.toString().stripTrailing());
        }
        out.flush();
    }
}
