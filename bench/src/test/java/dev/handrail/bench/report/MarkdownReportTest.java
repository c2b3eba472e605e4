package dev.handrail.bench.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MarkdownReportTest {

    @Test
    void resultsTableHasOneRowPerGoalWithRatioAndVerdict() {
        String md = MarkdownReport.render(ReportFixtures.report());

        assertThat(md).contains("| scenario | measured | baseline | ratio | goal | met? |");
        assertThat(md)
                .contains(
                        "| Plan accepted: throughput | 3,500 req/s | bare endpoint: 10,000 req/s | 0.35× | ≥ 0.30× | yes |");
        assertThat(md)
                .contains(
                        "| Audit stored: throughput | 4,000 events/s | raw JDBC: 20,000 events/s | 0.20× | ≥ 0.60× | no: 66.7 % short |");
    }

    @Test
    void aSmallRatioKeepsItsSignificantDigits() {
        BenchReport report = ReportFixtures.report();
        ScenarioResult tiny = new ScenarioResult(
                "tiny",
                "Tiny",
                java.util.List.of(),
                java.util.List.of(Comparison.of(
                        "rate", "/s", 12, "huge", 40_000, dev.handrail.bench.stats.Goal.ratioAtLeast(0.3))),
                java.util.Map.of(),
                java.util.List.of());
        BenchReport withTiny = new BenchReport(
                report.startedAt(),
                report.seconds(),
                report.machine(),
                report.mode(),
                report.setup(),
                report.baselines(),
                java.util.List.of(tiny),
                java.util.List.of());

        assertThat(MarkdownReport.render(withTiny)).contains("| 0.0003× |");
    }

    @Test
    void everyMeasurementIsListedOnceWithItsPercentiles() {
        String md = MarkdownReport.render(ReportFixtures.report());

        assertThat(md).contains("| plan accepted | 3,500 | 10.1 | 40.2 | 80.3 | 95 | 28,000 | 3 | 8 |");
        assertThat(md).contains("| bare endpoint | 10,000 | 1.2 | 5.5 | 9 | 12 | 80,000 | 0 | 8 |");
        assertThat(md).contains("| audit lag | 5 | 12 | – | – | – | 100 | 0 | 20 |");
    }

    @Test
    void cpuTableListsEachPartInRoleOrderWithATotal() {
        String md = MarkdownReport.render(ReportFixtures.report());

        assertThat(md).contains("| scenario | gateway | policy | audit | total |");
        assertThat(md).contains("| Plan accepted | 0.90 | 0.40 | – | 1.30 |");
    }

    @Test
    void profilesAndHowToReproduceAreIncluded() {
        String md = MarkdownReport.render(ReportFixtures.report());

        assertThat(md)
                .contains(
                        "### Audit stored: audit-service (200 samples, `bench/target/profiles/audit_store-audit-service.jfr`)");
        assertThat(md)
                .contains("| `org.postgresql` | 30 | `org.postgresql.core.PGStream.receive` | 25 | "
                        + "`dev.handrail.audit.store.EventAppender.append` | 75 |");
        assertThat(md).contains("./handrail bench");
        assertThat(md).contains("- Policy in force: bench-1\n");
        assertThat(md).contains("- Took a while to drain.");
    }

    @Test
    void aNewDocumentGetsTheGeneratedPartBetweenMarkersAndRoomForOthers() {
        String doc = MarkdownReport.merge(null, "generated");

        assertThat(doc).startsWith("# Benchmarks\n\n" + MarkdownReport.BEGIN + "\ngenerated\n" + MarkdownReport.END);
        assertThat(doc).contains("## Other measurements");
    }

    @Test
    void rewritingReplacesOnlyTheGeneratedPart() {
        String first = MarkdownReport.merge(null, "old numbers");
        String withOthers = first.replace(
                        "## Other measurements", "## Audit throughput\n\nTheirs.\n\n## Other measurements")
                .replace("# Benchmarks\n", "# Benchmarks\n\nIntro someone wrote.\n");

        String rewritten = MarkdownReport.merge(withOthers, "new numbers");

        assertThat(rewritten).contains("new numbers").doesNotContain("old numbers");
        assertThat(rewritten).contains("Intro someone wrote.").contains("## Audit throughput\n\nTheirs.");
        assertThat(rewritten.indexOf("Intro someone wrote.")).isLessThan(rewritten.indexOf("new numbers"));
    }

    @Test
    void aDocumentWithoutMarkersKeepsItsSectionsAndGetsTheTableAfterItsTitle() {
        String theirs = "# Benchmarks\n\n## Policy decision cost\n\n42 µs.\n";

        String merged = MarkdownReport.merge(theirs, "table");

        assertThat(merged).startsWith("# Benchmarks\n\n" + MarkdownReport.BEGIN + "\ntable\n" + MarkdownReport.END);
        assertThat(merged).contains("## Policy decision cost\n\n42 µs.");
    }
}
