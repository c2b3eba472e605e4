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

    /** Waits, up to {@code bound}, until every accepted plan has a terminal event stored; then reads it all. */
    static Settled await(ChaosContext context, List<AgentLoad.Accepted> accepted, Duration bound) {
        List<String> ids = accepted.stream().map(AgentLoad.Accepted::actionId).toList();
        String jdbcUrl = context.system().jdbcUrl();
        long deadline = System.nanoTime() + bound.toNanos();
        Ledger ledger = Ledger.read(jdbcUrl, ids);
        while (unsettled(ledger, ids) > 0 && System.nanoTime() < deadline) {
            try {
                TimeUnit.SECONDS.sleep(1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for the actions to settle", e);
            }
            ledger = Ledger.read(jdbcUrl, ids);
        }
        return new Settled(accepted, ledger, context.effects().runs());
    }

    private static long unsettled(Ledger ledger, List<String> ids) {
        return ids.stream().filter(id -> ledger.settledAt(id).isEmpty()).count();
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
