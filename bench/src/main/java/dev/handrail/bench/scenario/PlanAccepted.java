package dev.handrail.bench.scenario;

import dev.handrail.bench.load.ClosedLoop;
import dev.handrail.bench.report.Comparison;
import dev.handrail.bench.report.ScenarioResult;
import dev.handrail.bench.stats.Goal;
import dev.handrail.bench.stats.Measurement;
import dev.handrail.bench.stats.Numbers;
import dev.handrail.bench.stats.Ratios;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Plans accepted without waiting ({@code wait: false}: auth, parse, one JetStream publish, 202)
 * by 64 clients, against the bare endpoint under the same load. The accepted actions still run
 * afterwards; the scenario waits for them so the next one starts on a quiet system, and says how
 * long that took.
 */
public final class PlanAccepted implements Scenario {

    static final String NAME = "POST /v1/actions/plan wait:false, 64 clients";

    @Override
    public ScenarioResult run(BenchContext context) {
        long seqBefore = context.audit().maxSeq();
        ClosedLoop.Shape shape = new ClosedLoop.Shape(
                BenchContext.CLIENTS,
                context.budget().warmUp(),
                context.budget().measure(),
                context.budget().acceptedPlans());
        Measurement accepted = ClosedLoop.run(NAME, shape, () -> call(context), context.cpu());
        var cores = context.cpu().cores();
        Duration drain = context.drain();
        long stored = context.audit().maxSeq() - seqBefore;
        Measurement bare = context.baseline(Baselines.BARE_64);
        Measurement publish = context.baseline(Baselines.JS_PUBLISH);
        List<String> notes = new ArrayList<>();
        notes.add(accepted.count() + " plans accepted in a measured window of " + Numbers.compact(accepted.seconds())
                + " s"
                + (accepted.count() + accepted.errors() >= shape.maxCalls()
                        ? ", ended early at the cap of " + shape.maxCalls()
                                + " plans so the backlog they leave stays bounded"
                        : "")
                + "; " + accepted.errors() + " errors.");
        notes.add("Each accepted plan is one JetStream publish; the raw JetStream publish rate with 64 in flight was "
                + Numbers.compact(publish.perSecond()) + "/s (plan accepted is "
                + Numbers.ratio(Ratios.of(accepted.perSecond(), publish.perSecond())) + "× that).");
        notes.add("The accepted actions (warm-up included) then took " + Numbers.compact(drain.toMillis() / 1000.0)
                + " s more to run to the end and be stored (" + Numbers.compact(stored) + " events stored in all).");
        return new ScenarioResult(
                "plan_accepted",
                "Plan accepted (`wait: false`), 64 clients",
                List.of(accepted),
                List.of(Comparison.of(
                        "throughput",
                        "req/s",
                        accepted.perSecond(),
                        "bare endpoint",
                        bare.perSecond(),
                        Goal.ratioAtLeast(0.30))),
                cores,
                notes);
    }

    private static ClosedLoop.Call call(BenchContext context) {
        return Plans.accepted(
                context.http(), context.system().gatewayUrl(), context.system().agentToken());
    }

    @Override
    public List<String> profiled() {
        return List.of("gateway-service");
    }

    @Override
    public void rerun(BenchContext context, Duration window) {
        ClosedLoop.run(
                NAME + " (profiled)",
                new ClosedLoop.Shape(
                        BenchContext.CLIENTS,
                        Duration.ofSeconds(1),
                        window,
                        context.budget().acceptedPlans()),
                () -> call(context),
                ClosedLoop.Probe.NONE);
        context.drain();
    }
}
