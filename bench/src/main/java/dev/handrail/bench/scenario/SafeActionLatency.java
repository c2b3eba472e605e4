package dev.handrail.bench.scenario;

import dev.handrail.bench.load.ClosedLoop;
import dev.handrail.bench.report.Comparison;
import dev.handrail.bench.report.ScenarioResult;
import dev.handrail.bench.stats.Goal;
import dev.handrail.bench.stats.Measurement;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A safe action end to end ({@code file.read}, the request held until {@code succeeded}) by 16
 * clients: gateway, policy (planned, validated, approved), executor (executing, succeeded), and
 * back through the feed to the gateway. Compared with the bare endpoint under the same 16 clients.
 */
public final class SafeActionLatency implements Scenario {

    static final String NAME = "safe action end to end (file.read, wait for succeeded), 16 clients";
    static final int CLIENTS = 16;

    @Override
    public ScenarioResult run(BenchContext context) {
        Measurement safe = ClosedLoop.run(NAME, context.shape(CLIENTS), () -> call(context), context.cpu());
        Map<String, Double> cores = context.cpu().cores();
        context.drain();
        Measurement bare = context.baseline(Baselines.BARE_16);
        return new ScenarioResult(
                "safe_action_16",
                "Safe action end to end, 16 clients",
                List.of(safe),
                List.of(
                        Comparison.of(
                                "p50", "ms", safe.p50Ms(), "bare endpoint p50", bare.p50Ms(), Goal.atMost(3, "ms")),
                        Comparison.of(
                                "p99", "ms", safe.p99Ms(), "bare endpoint p99", bare.p99Ms(), Goal.atMost(20, "ms"))),
                cores,
                List.of("Closed loop: 16 clients each with one request at a time; " + Math.round(safe.perSecond())
                        + " actions/s at these latencies; " + safe.errors() + " errors."));
    }

    private static ClosedLoop.Call call(BenchContext context) {
        return Plans.safeRead(
                context.http(), context.system().gatewayUrl(), context.system().agentToken(), (id, at) -> {});
    }

    @Override
    public List<String> profiled() {
        return List.of("gateway-service", "policy-service", "executor-service", "audit-service");
    }

    @Override
    public void rerun(BenchContext context, Duration window) {
        ClosedLoop.run(
                NAME + " (profiled)",
                new ClosedLoop.Shape(
                        CLIENTS, Duration.ofSeconds(1), window, context.budget().maxCalls()),
                () -> call(context),
                ClosedLoop.Probe.NONE);
        context.drain();
    }
}
