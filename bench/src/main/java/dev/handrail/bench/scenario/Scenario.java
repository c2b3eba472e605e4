package dev.handrail.bench.scenario;

import dev.handrail.bench.report.ScenarioResult;
import java.time.Duration;
import java.util.List;

/** One benchmark scenario: a load on the real system, judged against its goals and baselines. */
public interface Scenario {

    /** Runs the scenario (warm-up first) and judges it. */
    ScenarioResult run(BenchContext context);

    /** Services worth profiling when the scenario misses a goal; empty when a CPU profile would not say why. */
    List<String> profiled();

    /** Runs the scenario's load once more for about {@code window}, unmeasured, while a profile records. */
    void rerun(BenchContext context, Duration window);
}
