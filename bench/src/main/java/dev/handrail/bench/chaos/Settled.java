package dev.handrail.bench.chaos;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The accepted plans of one scenario once they settled (or the bounded wait ran out): what the
 * store holds for each, and how often each effect ran.
 */
record Settled(List<AgentLoad.Accepted> accepted, Ledger ledger, Map<String, Long> effectRuns) {

    /** The longest wait for a backlog that keeps settling, in stall periods. */
    static final int STALLS = 5;

    /**
     * Waits until every accepted plan has a terminal event stored, or until none settled for
     * {@code stall} (a backlog still draining is waited for, up to {@link #STALLS} times
     * {@code stall} in all); then reads it all. What has not settled by then counts as lost.
     */
    static Settled await(ChaosContext context, List<AgentLoad.Accepted> accepted, Duration stall) {
        List<String> ids = accepted.stream().map(AgentLoad.Accepted::actionId).toList();
        String jdbcUrl = context.system().jdbcUrl();
        long start = System.nanoTime();
        long giveUp = start + stall.toNanos();
        long cap = start + stall.multipliedBy(STALLS).toNanos();
        List<String> waiting = ids;
        while (true) {
            Ledger now = Ledger.read(jdbcUrl, waiting);
            List<String> still =
                    waiting.stream().filter(id -> now.settledAt(id).isEmpty()).toList();
            long at = System.nanoTime();
            if (still.size() < waiting.size()) {
                giveUp = Math.min(at + stall.toNanos(), cap);
            }
            if (still.isEmpty() || at >= giveUp) {
                break;
            }
            waiting = still;
            try {
                TimeUnit.SECONDS.sleep(1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for the actions to settle", e);
            }
        }
        return new Settled(
                accepted, Ledger.read(jdbcUrl, ids), context.effects().runs());
    }

    /** The accepted plans of one kind. */
    List<AgentLoad.Accepted> of(Mix.Kind kind) {
        return accepted.stream().filter(a -> a.kind() == kind).toList();
    }

    /** How often the effect of a plan ran (lines in the effect log with its token). */
    long runs(AgentLoad.Accepted plan) {
        return effectRuns.getOrDefault(plan.token(), 0L);
    }
}
