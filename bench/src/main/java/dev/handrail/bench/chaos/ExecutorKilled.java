package dev.handrail.bench.chaos;

import dev.handrail.contracts.error.ErrorCode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * 4. The executor is killed (SIGKILL) while it runs effects (non-idempotent {@code shell.run}s that
 * take a few seconds) and reads, and started again: the redelivered effects end {@code failed} with
 * {@code INTERRUPTED} and never run again (capability catalogue: {@code shell.run} is not
 * idempotent), while a redelivered read simply runs again. The effect stands in for an input
 * action, which is never retried for the same reason; it needs no X display.
 */
final class ExecutorKilled implements ChaosScenario {

    private static final Mix MIX = new Mix(15, 0, 2);

    @Override
    public int number() {
        return 4;
    }

    @Override
    public String title() {
        return "executor killed mid-action";
    }

    @Override
    public String fault() {
        return "SIGKILL executor-service while effects of " + MIX.effectSleepSeconds() + " s run; start it again";
    }

    @Override
    public Mix mix() {
        return MIX;
    }

    @Override
    public Fault inject(ChaosContext context) {
        Instant at = Instant.now();
        Duration healthy = context.killAndRestart("executor-service", Duration.ZERO);
        return Fault.since(at, "executor healthy again after " + healthy.toSeconds() + " s");
    }

    @Override
    public Checked check(ChaosContext context, Settled settled, Fault fault) {
        long interrupted = settled.of(Mix.Kind.EFFECT).stream()
                .filter(a -> settled.ledger()
                        .failure(a.actionId())
                        .filter(ErrorCode.INTERRUPTED.code()::equals)
                        .isPresent())
                .count();
        return new Checked(
                List.of(interrupted + " effects interrupted (failed INTERRUPTED, not run again)"),
                interrupted == 0
                        ? List.of("no effect was running when the executor was killed, so the scenario proved nothing")
                        : List.of());
    }
}
