package dev.handrail.bench.scenario;

import dev.handrail.bench.baseline.BareJvm;
import dev.handrail.bench.load.HttpLoadClient;
import dev.handrail.bench.report.Comparison;
import dev.handrail.bench.report.ScenarioResult;
import dev.handrail.bench.stats.Goal;
import dev.handrail.bench.stats.Numbers;
import dev.handrail.bench.system.Rss;
import dev.handrail.bench.system.SystemUnderTest;
import dev.handrail.launcher.ServiceProcess;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Each service's idle resident memory ({@code VmRSS} of its process, the system started and not
 * yet loaded) and its startup time (process start to {@code /health} answering 200, one more
 * instance started alone on the idle system, polled every 100 ms as the launcher polls), against
 * the bare Micronaut application run as its own JVM with the services' JVM options.
 */
public final class Footprint implements Scenario {

    static final Duration SETTLE = Duration.ofSeconds(2);

    private final Map<String, Double> idleRss = new LinkedHashMap<>();

    /** Reads the idle memory of the first instances; call on the idle system before any load. */
    public void readIdle(SystemUnderTest system) {
        pause(SETTLE);
        SystemUnderTest.SERVICES.forEach(
                s -> idleRss.put(s, Rss.mebibytes(system.service(s).pid())));
    }

    @Override
    public ScenarioResult run(BenchContext context) {
        if (idleRss.isEmpty()) {
            readIdle(context.system());
        }
        double[] bare = bareJvm(context.http());
        List<Comparison> rows = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        notes.add("Bare Micronaut JVM (GET /ping only, same JVM options): " + Numbers.compact(bare[1])
                + " MiB idle, up in " + Numbers.compact(bare[0]) + " s.");
        notes.add("All five services started together (with NATS and PostgreSQL) in "
                + Numbers.compact(context.system().startup().toMillis() / 1000.0) + " s on this machine.");
        for (String service : SystemUnderTest.SERVICES) {
            long t0 = System.nanoTime();
            ServiceProcess instance = context.system().addInstance(service);
            double startup = (System.nanoTime() - t0) / 1e9;
            pause(SETTLE);
            double freshRss = Rss.mebibytes(instance.pid());
            context.system().stopInstance(service, instance);
            String name = service.replace("-service", "");
            rows.add(Comparison.of(
                    name + " idle RSS",
                    "MiB",
                    idleRss.get(service),
                    "bare Micronaut JVM",
                    bare[1],
                    Goal.atMost(200, "MiB")));
            rows.add(
                    Comparison.of(name + " startup", "s", startup, "bare Micronaut JVM", bare[0], Goal.atMost(2, "s")));
            notes.add(name + ": idle RSS " + Numbers.compact(idleRss.get(service)) + " MiB (a second instance, "
                    + Numbers.fixed(SETTLE.toSeconds(), 0) + " s after it was healthy: " + Numbers.compact(freshRss)
                    + " MiB); a second instance started alone in " + Numbers.compact(startup) + " s.");
        }
        return new ScenarioResult("footprint", "Idle memory and startup", List.of(), rows, Map.of(), notes);
    }

    /** Startup seconds and idle MiB of the bare endpoint as its own JVM. */
    private static double[] bareJvm(HttpLoadClient http) {
        try (BareJvm bare = BareJvm.start(http)) {
            pause(SETTLE);
            return new double[] {bare.startup().toNanos() / 1e9, Rss.mebibytes(bare.pid())};
        }
    }

    private static void pause(Duration d) {
        try {
            TimeUnit.MILLISECONDS.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public List<String> profiled() {
        return List.of();
    }

    @Override
    public void rerun(BenchContext context, Duration window) {
        throw new UnsupportedOperationException("Memory and startup are not profiled with a CPU profile");
    }
}
