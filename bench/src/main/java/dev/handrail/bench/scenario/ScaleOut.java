package dev.handrail.bench.scenario;

import dev.handrail.bench.report.Comparison;
import dev.handrail.bench.report.ScenarioResult;
import dev.handrail.bench.stats.Goal;
import dev.handrail.bench.stats.Measurement;
import dev.handrail.bench.stats.Numbers;
import dev.handrail.bench.system.AuditDb;
import dev.handrail.contracts.Subjects;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Two instances each of policy, audit and gateway (the second ones started beside the running
 * system), under the sustained load spread over both gateways; throughput compared with the
 * sustained run on one instance each. Then the whole store is checked by SQL: every event on the
 * feed stored exactly once (the feed's action events against the stored ones, no event id or
 * action transition twice), the chain without a gap or a broken link, and every action a client
 * saw succeed stored as succeeded. The new instances are warmed up as the first ones were.
 */
public final class ScaleOut implements Scenario {

    static final String NAME = "safe actions end to end, sustained, 64 clients, 2× policy + audit + gateway";
    static final List<String> SCALED = List.of("policy-service", "audit-service", "gateway-service");

    private final Sustained single;

    /** Compares with {@code single}, the sustained load on one instance each (run before this). */
    public ScaleOut(Sustained single) {
        this.single = single;
    }

    @Override
    public ScenarioResult run(BenchContext context) {
        List<String> notes = new ArrayList<>();
        for (String module : SCALED) {
            long t0 = System.nanoTime();
            context.system().addInstance(module);
            notes.add("Second " + module + " started and healthy in " + Numbers.compact((System.nanoTime() - t0) / 1e9)
                    + " s.");
        }
        // The new instances get the warm-up the first ones had before the first scenario.
        WarmUp.run(context, context.system().gatewayUrls());
        Queue<String> succeeded = new ConcurrentLinkedQueue<>();
        Sustained.Outcome scaled =
                Sustained.load(context, NAME, context.system().gatewayUrls(), (id, at) -> succeeded.add(id));
        AuditDb.ChainCheck chain = context.audit().check();
        long feedActionEvents = context.backlog().messages(Subjects.STREAM_EVENTS, Subjects.ACTION_EVENTS_ALL);
        List<String> ids = List.copyOf(succeeded);
        long lost = ids.size() - context.audit().storedSuccesses(ids);
        long duplicates = chain.duplicateIds()
                + chain.repeatedTransitions()
                + Math.max(0, chain.actionEvents() - feedActionEvents);
        long missing = lost + Math.max(0, feedActionEvents - chain.actionEvents());
        long chainFaults = chain.gaps() + chain.brokenLinks();
        notes.add("Store check: " + chain.rows() + " events, seq " + chain.minSeq() + "…" + chain.maxSeq() + ", "
                + chain.gaps() + " gaps, " + chain.brokenLinks() + " broken links, " + chain.duplicateIds()
                + " repeated ids, " + chain.repeatedTransitions() + " action transitions stored twice; "
                + feedActionEvents + " action events on the feed and " + chain.actionEvents() + " stored; " + ids.size()
                + " actions seen to succeed by the clients, " + lost + " of them without a stored succeeded event.");
        notes.add("The audit schema takes " + Numbers.compact(context.audit().bytesPerEvent())
                + " bytes on disk per stored event (events with their indexes, projections, checkpoints).");
        notes.add("Audit lag with two audit instances: p50 "
                + Numbers.compact(scaled.lag().p50Ms()) + " ms, p99 "
                + Numbers.compact(scaled.lag().p99Ms()) + " ms; the system drained in "
                + Numbers.compact(scaled.drain().toMillis() / 1000.0) + " s after the load.");
        Measurement one = single.outcome().actions();
        return new ScenarioResult(
                "scale_out",
                "2× policy + 2× audit + 2× gateway",
                List.of(scaled.actions(), scaled.lag()),
                List.of(
                        Comparison.of(
                                "throughput",
                                "actions/s",
                                scaled.actions().perSecond(),
                                "one instance each",
                                one.perSecond(),
                                Goal.ratioAtLeast(1.0)),
                        Comparison.of(
                                "events stored twice", "events", duplicates, "", Double.NaN, Goal.atMost(0, "events")),
                        Comparison.of("events lost", "events", missing, "", Double.NaN, Goal.atMost(0, "events")),
                        Comparison.of(
                                "chain gaps and broken links", "", chainFaults, "", Double.NaN, Goal.atMost(0, ""))),
                scaled.cores(),
                notes);
    }

    @Override
    public List<String> profiled() {
        return List.of();
    }

    @Override
    public void rerun(BenchContext context, Duration window) {
        throw new UnsupportedOperationException("The scale-out scenario is not profiled");
    }
}
