package dev.handrail.bench.scenario;

import dev.handrail.bench.baseline.NatsRequests;
import dev.handrail.bench.load.ClosedLoop;
import dev.handrail.bench.report.Comparison;
import dev.handrail.bench.report.ScenarioResult;
import dev.handrail.bench.stats.Goal;
import dev.handrail.bench.stats.Measurement;
import dev.handrail.bench.stats.Numbers;
import dev.handrail.contracts.Subjects;
import io.nats.client.Message;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The policy decision hop: a plan sent to policy's evaluate responder
 * ({@link Subjects#QUERY_POLICY_EVALUATE}: validate and decide, no action created) over NATS
 * request-reply, one at a time, against the raw request-reply to an echo responder with the same
 * payload. Where policy does not answer that subject, the hop is read from the feed instead:
 * the gap between an action's {@code planned} and {@code approved} events (both stamped by
 * policy) over sequential safe actions, and the report says so.
 */
public final class DecisionHop implements Scenario {

    static final String NAME = "policy evaluate over NATS request-reply, sequential";
    static final String SEQUENTIAL = "safe action end to end, 1 client";

    @Override
    public ScenarioResult run(BenchContext context) {
        Measurement rawRr = context.baseline(Baselines.NATS_RR_1);
        List<String> notes = new ArrayList<>();
        long seqBefore = context.audit().maxSeq();
        Measurement sequential = ClosedLoop.run(
                SEQUENTIAL,
                context.shape(1),
                () -> Plans.safeRead(
                        context.http(),
                        context.system().gatewayUrl(),
                        context.system().agentToken(),
                        (id, at) -> {}),
                ClosedLoop.Probe.NONE);
        context.drain();
        double[] gap = context.audit().plannedToApprovedMs(seqBefore);
        notes.add("Inside policy, planned → approved (validate and decide, event time stamps) over " + (long) gap[2]
                + " sequential safe actions: p50 " + Numbers.compact(gap[0]) + " ms, p99 " + Numbers.compact(gap[1])
                + " ms.");
        notes.add("A whole safe action, one client at a time: p50 " + Numbers.compact(sequential.p50Ms()) + " ms, p99 "
                + Numbers.compact(sequential.p99Ms()) + " ms.");
        String unavailable = evaluateUnavailable(context);
        if (unavailable == null) {
            Measurement hop = evaluate(context, context.shape(1), context.cpu());
            Map<String, Double> cores = context.cpu().cores();
            return new ScenarioResult(
                    "decision_hop",
                    "Policy decision hop",
                    List.of(hop, sequential),
                    List.of(Comparison.of(
                            "p50",
                            "ms",
                            hop.p50Ms(),
                            "raw NATS request-reply p50",
                            rawRr.p50Ms(),
                            Goal.ratioAtMost(1.5))),
                    cores,
                    notes);
        }
        notes.addFirst(
                "Policy did not answer " + Subjects.QUERY_POLICY_EVALUATE + " (" + unavailable + "), so the hop is "
                        + "measured as the planned → approved gap of the feed, which is policy's own work without the NATS "
                        + "round trip; compare with care.");
        Measurement hop = new Measurement(
                "policy planned → approved gap (from the feed)",
                (long) gap[2],
                0,
                sequential.seconds(),
                Double.NaN,
                gap[0],
                gap[1],
                Double.NaN,
                Double.NaN);
        return new ScenarioResult(
                "decision_hop",
                "Policy decision hop (planned → approved gap)",
                List.of(hop, sequential),
                List.of(Comparison.of(
                        "p50", "ms", hop.p50Ms(), "raw NATS request-reply p50", rawRr.p50Ms(), Goal.ratioAtMost(1.5))),
                Map.of(),
                notes);
    }

    private static Measurement evaluate(BenchContext context, ClosedLoop.Shape shape, ClosedLoop.Probe probe) {
        return NatsRequests.run(
                NAME,
                context.nats().requester(),
                Subjects.QUERY_POLICY_EVALUATE,
                Baselines.planPayload(),
                shape,
                DecisionHop::ok,
                probe);
    }

    private static boolean ok(byte[] reply) {
        String text = new String(reply, StandardCharsets.UTF_8);
        if (!text.contains("\"ok\":true")) {
            throw new IllegalStateException("Policy answered: " + text);
        }
        return true;
    }

    /** Null when policy answers evaluate requests; otherwise why not. */
    private static String evaluateUnavailable(BenchContext context) {
        try {
            Message reply = context.nats()
                    .requester()
                    .request(Subjects.QUERY_POLICY_EVALUATE, Baselines.planPayload(), Duration.ofSeconds(3));
            if (reply == null) {
                return "no reply within 3 s";
            }
            String text = new String(reply.getData(), StandardCharsets.UTF_8);
            return text.contains("\"ok\":true") ? null : "it answered " + text;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        } catch (RuntimeException e) {
            return e.getMessage();
        }
    }

    @Override
    public List<String> profiled() {
        return List.of("policy-service");
    }

    @Override
    public void rerun(BenchContext context, Duration window) {
        if (evaluateUnavailable(context) == null) {
            evaluate(
                    context,
                    new ClosedLoop.Shape(
                            1, Duration.ofSeconds(1), window, context.budget().maxCalls()),
                    ClosedLoop.Probe.NONE);
        } else {
            ClosedLoop.run(
                    SEQUENTIAL + " (profiled)",
                    new ClosedLoop.Shape(
                            1, Duration.ofSeconds(1), window, context.budget().maxCalls()),
                    () -> Plans.safeRead(
                            context.http(),
                            context.system().gatewayUrl(),
                            context.system().agentToken(),
                            (id, at) -> {}),
                    ClosedLoop.Probe.NONE);
            context.drain();
        }
    }
}
