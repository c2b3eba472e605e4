package dev.handrail.bench.chaos;

import java.time.Duration;
import java.time.Instant;

/**
 * 1. The audit service is killed (SIGKILL) mid-load and started again after the load went on
 * without it: events wait in the JetStream stream, and the restarted store takes them all, once each.
 */
final class AuditKilled implements ChaosScenario {

    @Override
    public int number() {
        return 1;
    }

    @Override
    public String title() {
        return "audit killed";
    }

    @Override
    public String fault() {
        return "SIGKILL audit-service; start it again after the load ran without it";
    }

    @Override
    public Fault inject(ChaosContext context) {
        Instant at = Instant.now();
        Duration down = context.budget().before();
        Duration healthy = context.killAndRestart("audit-service", down);
        return Fault.since(
                at, "audit down " + down.toSeconds() + " s, healthy again after " + healthy.toSeconds() + " s");
    }
}
