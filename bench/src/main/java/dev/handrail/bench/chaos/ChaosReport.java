package dev.handrail.bench.chaos;

import dev.handrail.bench.report.BenchReport;
import dev.handrail.bench.report.MarkdownReport;
import dev.handrail.bench.stats.Numbers;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * Writes a chaos run as the generated part of {@code docs/reliability.md}: one row per scenario
 * (load, fault, accepted, settled, lost, executed twice, stored twice, chain gaps, time to
 * recover), then each scenario's notes and any promise it broke. The part sits between two
 * markers, so the hand-written introduction and sections around it are kept.
 */
final class ChaosReport {

    static final String BEGIN = "<!-- chaos:begin: written by ./handrail chaos; edit outside these markers -->";
    static final String END = "<!-- chaos:end -->";
    private static final DateTimeFormatter WHEN =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT).withZone(ZoneOffset.UTC);

    private ChaosReport() {}

    /** The document with this run in place of the last one's. */
    static String merge(String existing, String generated) {
        return MarkdownReport.merge(
                existing,
                generated,
                BEGIN,
                END,
                "# Reliability under faults\n\n%s\n\nSections added here (outside the markers above) are kept when "
                        + "`./handrail chaos` rewrites its part.\n");
    }

    static String render(List<ChaosRow> rows, String mode, Instant startedAt, double seconds) {
        BenchReport.Machine machine = BenchReport.Machine.current();
        StringBuilder md = new StringBuilder();
        md.append("Measured by `./handrail chaos` (")
                .append(mode)
                .append(" run) on ")
                .append(WHEN.format(startedAt))
                .append(" in ")
                .append(Math.round(seconds))
                .append(" s: ")
                .append(machine.cores())
                .append(" cores, ")
                .append(machine.os())
                .append(", ")
                .append(machine.java())
                .append(". ")
                .append(
                        rows.stream().allMatch(ChaosRow::clean)
                                ? "Every row holds: nothing lost, run twice, stored twice or missing from the chain."
                                : "**Not every row holds**: see the broken promises below.")
                .append("\n\n");
        md.append("| # | scenario | load | fault | accepted | settled | lost | executed twice | stored twice "
                + "| chain gaps | time to recover |\n|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (ChaosRow r : rows) {
            md.append("| ")
                    .append(r.number())
                    .append(" | ")
                    .append(r.title())
                    .append(" | ")
                    .append(r.load())
                    .append(" | ")
                    .append(r.fault())
                    .append(" | ")
                    .append(r.accepted())
                    .append(" | ")
                    .append(r.settled())
                    .append(" | ")
                    .append(r.lost())
                    .append(" | ")
                    .append(r.executedTwice())
                    .append(" | ")
                    .append(r.storedTwice())
                    .append(" | ")
                    .append(r.gaps())
                    .append(" | ")
                    .append(recovery(r.recovery()))
                    .append(" |\n");
        }
        md.append("\n## What each run saw\n\n");
        for (ChaosRow r : rows) {
            md.append("- **").append(r.number()).append(". ").append(r.title()).append("**: ");
            md.append(String.join("; ", r.notes())).append('.');
            r.violations().forEach(v -> md.append(" **Broken:** ").append(v).append('.'));
            md.append('\n');
        }
        return md.toString();
    }

    private static String recovery(Duration d) {
        return d == null ? "never" : Numbers.compact(d.toMillis() / 1000.0) + " s";
    }
}
