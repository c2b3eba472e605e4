package dev.handrail.bench.chaos;

import dev.handrail.launcher.LocalSystem;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * 6. Every service restarted mid-load: first one after the other (SIGTERM, start, healthy: a
 * rolling restart), then all at once (SIGKILL to all five, then each started again).
 */
final class EverythingRestarted implements ChaosScenario {

    /** Gateway last in the rolling restart, so plans keep being taken while the others restart. */
    private static final List<String> ROLLING =
            List.of("audit-service", "health-service", "policy-service", "executor-service", "gateway-service");

    @Override
    public int number() {
        return 6;
    }

    @Override
    public String title() {
        return "every service restarted";
    }

    @Override
    public String fault() {
        return "rolling restart of the five services (SIGTERM, one at a time), then SIGKILL to all five at once and"
                + " each started again";
    }

    @Override
    public Fault inject(ChaosContext context) {
        LocalSystem local = context.system().local();
        Instant at = Instant.now();
        ROLLING.forEach(local::restart);
        Duration rolling = Duration.between(at, Instant.now());
        ChaosRun.sleep(context.budget().before());
        LocalSystem.modules().forEach(m -> local.service(m).kill());
        Instant killed = Instant.now();
        LocalSystem.modules().forEach(local::restart);
        return Fault.since(
                at,
                "rolling restart " + rolling.toSeconds() + " s",
                "all five down at once, all healthy again after "
                        + Duration.between(killed, Instant.now()).toSeconds() + " s");
    }
}
