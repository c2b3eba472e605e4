package dev.handrail.bench.report;

import com.sun.management.OperatingSystemMXBean;
import dev.handrail.bench.profile.ProfileSummary;
import dev.handrail.bench.stats.Measurement;
import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.util.List;

/** Everything one run of the harness measured, in the order it ran; written as Markdown and JSON. */
public record BenchReport(
        Instant startedAt,
        double seconds,
        Machine machine,
        String mode,
        List<String> setup,
        List<Measurement> baselines,
        List<ScenarioResult> scenarios,
        List<ProfileSummary> profiles) {

    public BenchReport {
        setup = List.copyOf(setup);
        baselines = List.copyOf(baselines);
        scenarios = List.copyOf(scenarios);
        profiles = List.copyOf(profiles);
    }

    /** Where the numbers were measured. */
    public record Machine(int cores, long memoryMb, String os, String java) {

        /** This machine. */
        public static Machine current() {
            long memory = 0;
            if (ManagementFactory.getOperatingSystemMXBean() instanceof OperatingSystemMXBean os) {
                memory = os.getTotalMemorySize() / (1024 * 1024);
            }
            return new Machine(
                    Runtime.getRuntime().availableProcessors(),
                    memory,
                    System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                            + System.getProperty("os.arch"),
                    System.getProperty("java.vm.name") + " " + Runtime.version());
        }
    }
}
