package dev.handrail.bench.system;

import dev.handrail.bench.load.ClosedLoop;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * How much CPU each part of the system used while a load was measured: the processes of each
 * component (a service's instances, nats-server, PostgreSQL and its backends, the harness itself)
 * sampled as the measured window starts and ends. Answers in cores (CPU seconds per second), so
 * on this machine 2.0 is everything. Not thread-safe: one load at a time.
 */
public final class CpuMeter implements ClosedLoop.Probe {

    /** The name the harness's own process goes by among the parts measured. */
    public static final String LOAD_GENERATOR = "load generator";

    private final Supplier<Map<String, List<ProcessHandle>>> components;
    private Map<String, Duration> before = Map.of();
    private long startedAt;
    private Map<String, Double> cores = Map.of();

    public CpuMeter(Supplier<Map<String, List<ProcessHandle>>> components) {
        this.components = components;
    }

    @Override
    public void measuringStarts() {
        before = sample();
        startedAt = System.nanoTime();
    }

    @Override
    public void measuringEnds() {
        double seconds = (System.nanoTime() - startedAt) / 1e9;
        cores = coresUsed(before, sample(), seconds);
    }

    /** Cores each component used in the last measured window, in the order the components were named. */
    public Map<String, Double> cores() {
        return cores;
    }

    static Map<String, Double> coresUsed(Map<String, Duration> before, Map<String, Duration> after, double seconds) {
        Map<String, Double> used = new LinkedHashMap<>();
        after.forEach((name, cpu) -> {
            Duration start = before.getOrDefault(name, Duration.ZERO);
            used.put(name, Math.max(0, cpu.minus(start).toNanos() / 1e9) / seconds);
        });
        return used;
    }

    private Map<String, Duration> sample() {
        Map<String, Duration> cpu = new LinkedHashMap<>();
        components
                .get()
                .forEach((name, processes) -> cpu.put(
                        name,
                        processes.stream()
                                .map(p -> p.info().totalCpuDuration().orElse(Duration.ZERO))
                                .reduce(Duration.ZERO, Duration::plus)));
        return cpu;
    }
}
