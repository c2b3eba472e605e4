package dev.handrail.bench.scenario;

import dev.handrail.bench.load.ClosedLoop;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Warms the whole system before the first measured scenario: safe actions end to end and plans
 * accepted without waiting, unmeasured, for twice the budget's warm-up each, so each service's
 * hot paths are compiled before anything is measured; then waits until everything is stored.
 */
public final class WarmUp {

    private WarmUp() {}

    public static void run(BenchContext context) {
        run(context, List.of(context.system().gatewayUrl()));
    }

    /** Warms every instance: the load is spread over {@code gateways} (round-robin per call). */
    public static void run(BenchContext context, List<String> gateways) {
        Duration window = context.budget().warmUp().multipliedBy(2);
        AtomicInteger next = new AtomicInteger();
        ClosedLoop.run(
                "warm-up: safe actions",
                new ClosedLoop.Shape(16, Duration.ZERO, window, context.budget().maxCalls()),
                () -> Plans.safeRead(
                        context.http(),
                        Plans.next(gateways, next),
                        context.system().agentToken(),
                        (id, at) -> {}),
                ClosedLoop.Probe.NONE);
        ClosedLoop.run(
                "warm-up: plans accepted",
                new ClosedLoop.Shape(
                        BenchContext.CLIENTS,
                        Duration.ZERO,
                        window,
                        context.budget().maxCalls()),
                () -> Plans.accepted(
                        context.http(),
                        Plans.next(gateways, next),
                        context.system().agentToken()),
                ClosedLoop.Probe.NONE);
        context.drain();
    }
}
