package dev.handrail.bench.report;

import dev.handrail.bench.profile.FrameTally;
import dev.handrail.bench.profile.ProfileSummary;
import dev.handrail.bench.stats.Measurement;
import dev.handrail.bench.stats.Numbers;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Writes a run as the generated part of {@code docs/benchmarks.md}: the results table (scenario,
 * measured, baseline, ratio, goal, met?), every measurement in detail, where the CPU went, the
 * profiles of missed goals, and how to reproduce. The generated part sits between two markers;
 * {@link #merge} replaces only that part, so sections others write around it are kept.
 */
public final class MarkdownReport {

    static final String BEGIN = "<!-- bench:begin: written by ./handrail bench; edit outside these markers -->";
    static final String END = "<!-- bench:end -->";
    private static final DateTimeFormatter WHEN =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT).withZone(ZoneOffset.UTC);

    private MarkdownReport() {}

    /** The document with {@code generated} in place of its generated part (or a new document around it). */
    public static String merge(String existing, String generated) {
        return merge(
                existing,
                generated,
                BEGIN,
                END,
                "# Benchmarks\n\n%s\n\n## Other measurements\n\n"
                        + "Sections added here (outside the markers above) are kept when the harness rewrites its part.\n");
    }

    /**
     * {@code existing} with {@code generated} between the markers {@code begin} and {@code end}:
     * in place of what was between them, else after the document's title (or at its top); a new
     * document from {@code newDocument} (with {@code %s} where the marked part goes) when there is none.
     */
    public static String merge(String existing, String generated, String begin, String end, String newDocument) {
        String block = begin + "\n" + generated.strip() + "\n" + end;
        if (existing == null || existing.isBlank()) {
            return newDocument.formatted(block);
        }
        int from = existing.indexOf(begin);
        int to = existing.indexOf(end);
        if (from >= 0 && to > from) {
            return existing.substring(0, from) + block + existing.substring(to + end.length());
        }
        int firstLineEnd = existing.startsWith("# ") ? existing.indexOf('\n') : -1;
        if (firstLineEnd < 0) {
            return block + "\n\n" + existing;
        }
        return existing.substring(0, firstLineEnd + 1) + "\n" + block + "\n" + existing.substring(firstLineEnd + 1);
    }

    /** The generated part for one run. */
    public static String render(BenchReport report) {
        StringBuilder md = new StringBuilder();
        md.append("Measured by `./handrail bench` (")
                .append(report.mode())
                .append(" run) on ")
                .append(WHEN.format(report.startedAt()))
                .append(" in ")
                .append(Numbers.compact(report.seconds()))
                .append(" s: ")
                .append(report.machine().cores())
                .append(" cores, ")
                .append(Numbers.compact(report.machine().memoryMb() / 1024.0))
                .append(" GiB, ")
                .append(report.machine().os())
                .append(", ")
                .append(report.machine().java())
                .append(". Machine-readable: [benchmarks.json](benchmarks.json).\n\n");
        report.setup().forEach(line -> md.append("- ").append(line).append('\n'));
        if (!report.setup().isEmpty()) {
            md.append('\n');
        }
        results(md, report);
        details(md, report);
        cpu(md, report);
        notes(md, report);
        profiles(md, report);
        reproduce(md);
        return md.toString();
    }

    private static void results(StringBuilder md, BenchReport report) {
        md.append(
                "## Results\n\n| scenario | measured | baseline | ratio | goal | met? |\n|---|---|---|---|---|---|\n");
        for (ScenarioResult s : report.scenarios()) {
            for (Comparison c : s.comparisons()) {
                md.append("| ")
                        .append(s.title())
                        .append(c.metric().isEmpty() ? "" : ": " + c.metric())
                        .append(" | ")
                        .append(value(c.measured(), c.unit()))
                        .append(" | ")
                        .append(
                                Double.isNaN(c.baseline())
                                        ? "–"
                                        : c.baselineName() + ": " + value(c.baseline(), c.baselineUnit()))
                        .append(" | ")
                        .append(
                                Double.isNaN(c.verdict().ratio())
                                        ? "–"
                                        : Numbers.ratio(c.verdict().ratio()) + "×")
                        .append(" | ")
                        .append(c.goal().text())
                        .append(" | ")
                        .append(c.verdict().describe(c.goal()))
                        .append(" |\n");
            }
        }
        md.append('\n');
    }

    private static void details(StringBuilder md, BenchReport report) {
        md.append("## Every measurement\n\nThroughput is per second of the measured window (after the warm-up); "
                + "latencies are per operation (a JDBC batch for the JDBC baseline).\n\n"
                + "| run | throughput /s | p50 ms | p99 ms | p99.9 ms | max ms | operations | errors | window s |\n"
                + "|---|---|---|---|---|---|---|---|---|\n");
        List<Measurement> all = new ArrayList<>(report.baselines());
        report.scenarios().forEach(s -> all.addAll(s.measurements()));
        Set<String> seen = new LinkedHashSet<>();
        for (Measurement m : all) {
            if (!seen.add(m.name())) {
                continue;
            }
            md.append("| ")
                    .append(m.name())
                    .append(" | ")
                    .append(Numbers.compact(m.perSecond()))
                    .append(" | ")
                    .append(Numbers.compact(m.p50Ms()))
                    .append(" | ")
                    .append(Numbers.compact(m.p99Ms()))
                    .append(" | ")
                    .append(Numbers.compact(m.p999Ms()))
                    .append(" | ")
                    .append(Numbers.compact(m.maxMs()))
                    .append(" | ")
                    .append(Numbers.compact(m.count()))
                    .append(" | ")
                    .append(m.errors())
                    .append(" | ")
                    .append(Numbers.compact(m.seconds()))
                    .append(" |\n");
        }
        md.append('\n');
    }

    private static void cpu(StringBuilder md, BenchReport report) {
        Set<String> parts = new LinkedHashSet<>();
        report.scenarios()
                .forEach(s -> parts.addAll(s.cores().keySet().stream()
                        .sorted(MarkdownReport::byRole)
                        .toList()));
        if (parts.isEmpty()) {
            return;
        }
        md.append(
                "## Where the CPU went\n\nCores each part used during the measured window (2.0 = both cores of this machine).\n\n| scenario |");
        parts.forEach(p -> md.append(' ').append(p).append(" |"));
        md.append(" total |\n|---|");
        parts.forEach(p -> md.append("---|"));
        md.append("---|\n");
        for (ScenarioResult s : report.scenarios()) {
            if (s.cores().isEmpty()) {
                continue;
            }
            md.append("| ").append(s.title()).append(" |");
            parts.forEach(p -> md.append(' ')
                    .append(Numbers.fixed(s.cores().getOrDefault(p, Double.NaN), 2))
                    .append(" |"));
            md.append(' ')
                    .append(Numbers.fixed(
                            s.cores().values().stream()
                                    .mapToDouble(Double::doubleValue)
                                    .sum(),
                            2))
                    .append(" |\n");
        }
        md.append('\n');
    }

    private static int byRole(String a, String b) {
        return Integer.compare(rank(a), rank(b));
    }

    private static int rank(String part) {
        List<String> order = List.of(
                "gateway", "policy", "executor", "audit", "health", "nats-server", "postgres", "load generator");
        int i = order.indexOf(part);
        return i < 0 ? order.size() : i;
    }

    private static void notes(StringBuilder md, BenchReport report) {
        md.append("## Notes\n\n");
        for (ScenarioResult s : report.scenarios()) {
            if (!s.notes().isEmpty()) {
                md.append("**").append(s.title()).append("**\n\n");
                s.notes().forEach(n -> md.append("- ").append(n).append('\n'));
                md.append('\n');
            }
        }
    }

    private static void profiles(StringBuilder md, BenchReport report) {
        if (report.profiles().isEmpty()) {
            return;
        }
        md.append("## Profiles of the missed goals\n\nJFR (`profile` settings, a stack sample every 10 ms of CPU) "
                + "attached to the service while the scenario's load ran once more: the libraries and methods on top "
                + "of the stack are where its CPU went; the Handrail frame is our method nearest to the top, the one "
                + "that led there. Read a recording with `jfr print --events jdk.ExecutionSample <file>`.\n\n");
        for (ProfileSummary p : report.profiles()) {
            md.append("### ")
                    .append(p.scenario())
                    .append(": ")
                    .append(p.service())
                    .append(" (")
                    .append(p.samples())
                    .append(" samples, `")
                    .append(p.file())
                    .append("`)\n\n")
                    .append("| library | % | method on top of the stack | % | nearest Handrail frame | % |\n")
                    .append("|---|---|---|---|---|---|\n");
            int rows = Math.max(
                    p.libraries().size(),
                    Math.max(p.topOfStack().size(), p.handrailFrames().size()));
            for (int i = 0; i < rows; i++) {
                md.append("| ")
                        .append(share(p.libraries(), i))
                        .append(" | ")
                        .append(share(p.topOfStack(), i))
                        .append(" | ")
                        .append(share(p.handrailFrames(), i))
                        .append(" |\n");
            }
            md.append('\n');
        }
    }

    private static String share(List<FrameTally.Share> shares, int i) {
        if (i >= shares.size()) {
            return " | ";
        }
        FrameTally.Share s = shares.get(i);
        return "`" + s.frame() + "` | " + Numbers.compact(s.percent());
    }

    private static void reproduce(StringBuilder md) {
        md.append("## How to reproduce\n\n```\n./handrail bench            # or: make bench\n"
                + "./handrail bench --quick    # a short smoke run (numbers are not comparable)\n```\n\n"
                + "It builds if needed, starts NATS, PostgreSQL and the five services on embedded defaults (as "
                + "`./handrail up` does, in a fresh temporary home, with the gateway's per-principal rate limit lifted), "
                + "measures the baselines and the scenarios in the same run on loopback, and rewrites the part of "
                + "this file between the markers and `docs/benchmarks.json`. Run it on an otherwise idle machine.\n");
    }

    private static String value(double v, String unit) {
        return Numbers.compact(v) + (unit.isEmpty() ? "" : " " + unit);
    }
}
