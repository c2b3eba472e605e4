package dev.handrail.bench.scenario;

import dev.handrail.bench.load.ClosedLoop;
import dev.handrail.bench.report.Comparison;
import dev.handrail.bench.report.ScenarioResult;
import dev.handrail.bench.stats.Goal;
import dev.handrail.bench.stats.Measurement;
import dev.handrail.bench.stats.Numbers;
import dev.handrail.bench.system.AuditLagProbe;
import dev.handrail.bench.system.CpuMeter;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Safe actions end to end, sustained: 64 clients each waiting for {@code succeeded}, for the
 * longer window, every client against one gateway (or spread over several, for the scale-out
 * scenario), with the audit lag sampled throughout: the time from a client's {@code succeeded}
 * answer to the audit projection showing it.
 */
public final class Sustained implements Scenario {

    static final String NAME = "safe actions end to end, sustained, 64 clients";

    /** One sustained load's measurements. */
    public record Outcome(Measurement actions, Measurement lag, Map<String, Double> cores, Duration drain) {}

    private Outcome outcome;

    @Override
    public ScenarioResult run(BenchContext context) {
        Outcome o = load(context, NAME, context.system().gatewayUrls(), (id, at) -> {});
        outcome = o;
        Measurement bare = context.baseline(Baselines.BARE_64);
        return new ScenarioResult(
                "sustained",
                "Safe actions end to end, sustained, 64 clients",
                List.of(o.actions(), o.lag()),
                List.of(
                        Comparison.of(
                                "throughput",
                                "actions/s",
                                o.actions().perSecond(),
                                "bare endpoint",
                                bare.perSecond(),
                                "req/s",
                                Goal.atLeast(5000, "actions/s")),
                        Comparison.of("audit lag p99", "ms", o.lag().p99Ms(), "", Double.NaN, Goal.atMost(1000, "ms"))),
                o.cores(),
                List.of(
                        "Audit lag sampled on " + o.lag().count() + " actions: p50 "
                                + Numbers.compact(o.lag().p50Ms()) + " ms, p99 "
                                + Numbers.compact(o.lag().p99Ms()) + " ms, max "
                                + Numbers.compact(o.lag().maxMs()) + " ms; "
                                + o.lag().errors() + " never became queryable within 30 s.",
                        "After the load stopped the system needed "
                                + Numbers.compact(o.drain().toMillis() / 1000.0) + " s to finish and store everything.",
                        o.actions().errors() + " errors.",
                        cpuPerAction(o)));
    }

    /**
     * CPU time per action of each part and in all (cores used over actions per second), the figure
     * docs/scaling.md builds its capacity model on.
     */
    static String cpuPerAction(Outcome o) {
        double perSecond = o.actions().perSecond();
        StringBuilder text = new StringBuilder("CPU per action (ms of one core): ");
        double total = 0;
        for (Map.Entry<String, Double> part : o.cores().entrySet()) {
            double ms = perSecond > 0 ? part.getValue() * 1000 / perSecond : Double.NaN;
            if (!part.getKey().equals(CpuMeter.LOAD_GENERATOR)) {
                total += ms;
            }
            text.append(part.getKey()).append(' ').append(Numbers.compact(ms)).append(", ");
        }
        return text.append("Handrail in all (load generator not counted) ")
                .append(Numbers.compact(total))
                .append('.')
                .toString();
    }

    /** The outcome of {@link #run}, for the scale-out scenario to compare with. */
    Outcome outcome() {
        if (outcome == null) {
            throw new IllegalStateException("The sustained load has not run");
        }
        return outcome;
    }

    /** Runs the sustained load on {@code gateways} (clients spread round-robin); {@code succeeded} sees every success. */
    public static Outcome load(
            BenchContext context,
            String name,
            List<String> gateways,
            java.util.function.BiConsumer<String, Long> succeeded) {
        AtomicInteger clients = new AtomicInteger();
        ClosedLoop.Shape shape = new ClosedLoop.Shape(
                BenchContext.CLIENTS,
                context.budget().warmUp(),
                context.budget().sustained(),
                context.budget().maxCalls());
        try (AuditLagProbe probe = new AuditLagProbe(context.system().jdbcUrl())) {
            Measurement actions = ClosedLoop.run(
                    name,
                    shape,
                    () -> Plans.safeRead(
                            context.http(),
                            Plans.next(gateways, clients),
                            context.system().agentToken(),
                            (id, at) -> {
                                probe.offer(id, at);
                                succeeded.accept(id, at);
                            }),
                    context.cpu());
            Map<String, Double> cores = context.cpu().cores();
            Duration drain = context.drain();
            Measurement lag =
                    probe.result("audit lag (succeeded answer → queryable), sampled, " + name, Duration.ofNanos((long)
                            (actions.seconds() * 1e9)));
            return new Outcome(actions, lag, cores, drain);
        }
    }

    @Override
    public List<String> profiled() {
        return List.of("gateway-service", "policy-service", "executor-service", "audit-service");
    }

    @Override
    public void rerun(BenchContext context, Duration window) {
        AtomicInteger clients = new AtomicInteger();
        List<String> gateways = context.system().gatewayUrls();
        ClosedLoop.run(
                NAME + " (profiled)",
                new ClosedLoop.Shape(
                        BenchContext.CLIENTS,
                        Duration.ofSeconds(1),
                        window,
                        context.budget().maxCalls()),
                () -> Plans.safeRead(
                        context.http(),
                        Plans.next(gateways, clients),
                        context.system().agentToken(),
                        (id, at) -> {}),
                ClosedLoop.Probe.NONE);
        context.drain();
    }
}
