package dev.handrail.bench;

import dev.handrail.bench.profile.JfrProfiler;
import dev.handrail.bench.profile.ProfileSummary;
import dev.handrail.bench.report.BenchReport;
import dev.handrail.bench.report.JsonReport;
import dev.handrail.bench.report.MarkdownReport;
import dev.handrail.bench.report.ScenarioResult;
import dev.handrail.bench.scenario.AuditIngest;
import dev.handrail.bench.scenario.Baselines;
import dev.handrail.bench.scenario.BenchContext;
import dev.handrail.bench.scenario.Budget;
import dev.handrail.bench.scenario.DecisionHop;
import dev.handrail.bench.scenario.DurabilityCost;
import dev.handrail.bench.scenario.Footprint;
import dev.handrail.bench.scenario.PlanAccepted;
import dev.handrail.bench.scenario.SafeActionLatency;
import dev.handrail.bench.scenario.ScaleOut;
import dev.handrail.bench.scenario.Scenario;
import dev.handrail.bench.scenario.Sustained;
import dev.handrail.bench.scenario.WarmUp;
import dev.handrail.bench.stats.Numbers;
import dev.handrail.bench.system.SystemUnderTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code ./handrail bench}: starts the system on embedded defaults, measures the baselines and
 * every scenario (warm-up first), profiles the scenarios that miss a goal, and writes
 * {@code docs/benchmarks.md} (its generated part) and {@code docs/benchmarks.json}.
 * Options: {@code --quick} for a short smoke run, {@code --no-profile} to skip the profiles,
 * {@code --out <dir>} to write the report somewhere else than {@code docs/}, and
 * {@code --soak <seconds>} to run only the sustained load for that long and log its numbers
 * (nothing written), e.g. to attach a profiler to the services meanwhile.
 */
public final class Bench {

    private static final Logger LOG = LoggerFactory.getLogger(Bench.class);
    private static final int TOP_FRAMES = 12;

    private Bench() {}

    public static void main(String[] args) {
        List<String> options = List.of(args);
        Budget budget = options.contains("--quick") ? Budget.quick() : Budget.full();
        int soak = options.indexOf("--soak");
        if (soak >= 0) {
            String seconds = soak + 1 < options.size() ? options.get(soak + 1) : "";
            if (!seconds.matches("[1-9][0-9]{0,5}")) {
                System.err.println("--soak needs the number of seconds to run the sustained load, e.g. --soak 60");
                System.exit(2);
            }
            soak(Duration.ofSeconds(Long.parseLong(seconds)));
            return;
        }
        boolean profile = !options.contains("--no-profile");
        Path repo = Path.of(System.getProperty("handrail.repo", "."))
                .toAbsolutePath()
                .normalize();
        Instant startedAt = Instant.now();
        long t0 = System.nanoTime();
        BenchReport report;
        LOG.info("Starting the system ({} run) ...", budget.mode());
        try (SystemUnderTest system = SystemUnderTest.start(repo);
                BenchContext context = new BenchContext(system, budget)) {
            report = run(context, repo, profile, startedAt, t0);
        }
        int out = options.indexOf("--out");
        Path docs = out >= 0 && out + 1 < options.size()
                ? Path.of(options.get(out + 1)).toAbsolutePath()
                : repo.resolve("docs");
        write(docs, report);
        report.scenarios()
                .forEach(s -> s.comparisons()
                        .forEach(c -> LOG.info(
                                "{} {}: {} (goal {}, ratio {}): {}",
                                s.title(),
                                c.metric(),
                                Numbers.compact(c.measured()),
                                c.goal().text(),
                                Numbers.ratio(c.verdict().ratio()),
                                c.verdict().describe(c.goal()))));
        LOG.info(
                "Wrote {} and benchmarks.json beside it, {} s after starting",
                docs.resolve("benchmarks.md"),
                Math.round((System.nanoTime() - t0) / 1e9));
    }

    private static void soak(Duration window) {
        Budget budget = Budget.soak(window);
        Path repo = Path.of(System.getProperty("handrail.repo", "."))
                .toAbsolutePath()
                .normalize();
        try (SystemUnderTest system = SystemUnderTest.start(repo);
                BenchContext context = new BenchContext(system, budget)) {
            LOG.info("Warming the system up ...");
            WarmUp.run(context);
            LOG.info("Sustained load for {} s (service pids: {}) ...", window.toSeconds(), system.components());
            Sustained.Outcome o = Sustained.load(context, "soak", system.gatewayUrls(), (id, at) -> {});
            LOG.info(
                    "{} actions/s, p50 {} ms, p99 {} ms, {} errors; audit lag p99 {} ms; cores used: {}",
                    Numbers.compact(o.actions().perSecond()),
                    Numbers.compact(o.actions().p50Ms()),
                    Numbers.compact(o.actions().p99Ms()),
                    o.actions().errors(),
                    Numbers.compact(o.lag().p99Ms()),
                    o.cores().entrySet().stream()
                            .map(e -> e.getKey() + " " + Numbers.compact(e.getValue()))
                            .toList());
        }
    }

    private static BenchReport run(BenchContext context, Path repo, boolean profile, Instant startedAt, long t0) {
        List<String> setup = context.system().setup();
        setup.forEach(line -> LOG.info("{}", line));
        Footprint footprint = new Footprint();
        footprint.readIdle(context.system());
        LOG.info("Footprint ...");
        ScenarioResult footprintResult = footprint.run(context);
        LOG.info("Baselines ...");
        Baselines.measure(context);
        LOG.info("Warming the system up ...");
        WarmUp.run(context);
        Sustained sustained = new Sustained();
        Map<Scenario, ScenarioResult> results = new LinkedHashMap<>();
        for (Scenario scenario :
                List.of(new PlanAccepted(), new DecisionHop(), new AuditIngest(), new SafeActionLatency(), sustained)) {
            LOG.info("Scenario {} ...", scenario.getClass().getSimpleName());
            results.put(scenario, scenario.run(context));
        }
        LOG.info("Scenario DurabilityCost ...");
        ScenarioResult durability = new DurabilityCost(sustained).run(context);
        List<ProfileSummary> profiles = profile ? profileMisses(context, results, repo) : List.of();
        LOG.info("Scenario ScaleOut ...");
        ScenarioResult scaleOut = new ScaleOut(sustained).run(context);
        List<ScenarioResult> ordered = new ArrayList<>(results.values());
        ordered.add(durability);
        ordered.add(scaleOut);
        ordered.add(footprintResult);
        return new BenchReport(
                startedAt,
                (System.nanoTime() - t0) / 1e9,
                BenchReport.Machine.current(),
                context.budget().mode(),
                setup,
                context.baselines(),
                ordered,
                profiles);
    }

    /** Runs each scenario that missed a goal again with JFR on the services it names, and tallies the samples. */
    private static List<ProfileSummary> profileMisses(
            BenchContext context, Map<Scenario, ScenarioResult> results, Path repo) {
        JfrProfiler profiler = new JfrProfiler(repo.resolve("bench/target/profiles"));
        Duration window = context.budget().measure().dividedBy(2);
        List<ProfileSummary> profiles = new ArrayList<>();
        results.forEach((scenario, result) -> {
            if (result.met() || scenario.profiled().isEmpty()) {
                return;
            }
            LOG.info("Profiling {} ...", result.id());
            try {
                scenario.profiled()
                        .forEach(s -> profiler.start(context.system().service(s).pid()));
                scenario.rerun(context, window);
                for (String service : scenario.profiled()) {
                    Path file = profiler.stop(context.system().service(service).pid(), result.id() + "-" + service);
                    profiles.add(JfrProfiler.summarise(
                            result.title(), service, file, repo.relativize(file).toString(), TOP_FRAMES));
                }
            } catch (JfrProfiler.JfrException e) {
                LOG.warn("Could not profile {}: {}", result.id(), e.getMessage());
            }
        });
        return profiles;
    }

    private static void write(Path docs, BenchReport report) {
        try {
            Files.createDirectories(docs);
            Path md = docs.resolve("benchmarks.md");
            String existing = Files.exists(md) ? Files.readString(md) : null;
            Files.writeString(md, MarkdownReport.merge(existing, MarkdownReport.render(report)));
            Files.writeString(docs.resolve("benchmarks.json"), JsonReport.render(report));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the report into " + docs, e);
        }
    }
}
