package dev.handrail.bench.report;

import dev.handrail.bench.profile.FrameTally;
import dev.handrail.bench.profile.ProfileSummary;
import dev.handrail.bench.stats.Goal;
import dev.handrail.bench.stats.Measurement;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** A small report with one met and one missed goal. */
final class ReportFixtures {

    private ReportFixtures() {}

    static BenchReport report() {
        Measurement bare = new Measurement("bare endpoint", 80_000, 0, 8, 10_000, 1.2, 5.5, 9.0, 12.0);
        Measurement plan = new Measurement("plan accepted", 28_000, 3, 8, 3_500, 10.1, 40.2, 80.3, 95.0);
        Measurement lag = new Measurement("audit lag", 100, 0, 20, 5, 12, Double.NaN, Double.NaN, Double.NaN);
        ScenarioResult planAccepted = new ScenarioResult(
                "plan_accepted",
                "Plan accepted",
                List.of(plan),
                List.of(Comparison.of("throughput", "req/s", 3_500, "bare endpoint", 10_000, Goal.ratioAtLeast(0.30))),
                Map.of("gateway", 0.9, "policy", 0.4),
                List.of("Took a while to drain."));
        ScenarioResult audit = new ScenarioResult(
                "audit_store",
                "Audit stored",
                List.of(lag),
                List.of(Comparison.of("throughput", "events/s", 4_000, "raw JDBC", 20_000, Goal.ratioAtLeast(0.60))),
                Map.of("audit", 1.1),
                List.of());
        ProfileSummary profile = new ProfileSummary(
                "Audit stored",
                "audit-service",
                200,
                List.of(new FrameTally.Share("org.postgresql", 60, 30.0)),
                List.of(new FrameTally.Share("org.postgresql.core.PGStream.receive", 50, 25.0)),
                List.of(new FrameTally.Share("dev.handrail.audit.store.EventAppender.append", 150, 75.0)),
                "bench/target/profiles/audit_store-audit-service.jfr");
        return new BenchReport(
                Instant.parse("2026-11-22T01:40:00Z"),
                312.4,
                new BenchReport.Machine(2, 24_105, "Linux 6.1 amd64", "OpenJDK 64-Bit Server VM 25"),
                "full",
                List.of("Policy in force: bench-1"),
                List.of(bare),
                List.of(planAccepted, audit),
                List.of(profile));
    }
}
