package dev.handrail.bench.chaos;

import java.time.Duration;
import java.time.Instant;

/**
 * 3. PostgreSQL is crashed mid-load (SIGKILL to the postmaster and its backends) and started again
 * a few seconds later on the same port and data directory: the services reconnect by themselves,
 * and nothing a client was told is accepted is lost (synchronous commit on a durable home).
 */
final class PostgresKilled implements ChaosScenario {

    private static final Duration DOWN = Duration.ofSeconds(3);

    @Override
    public int number() {
        return 3;
    }

    @Override
    public String title() {
        return "PostgreSQL killed";
    }

    @Override
    public String fault() {
        return "SIGKILL the PostgreSQL postmaster and backends; start it again after " + DOWN.toSeconds()
                + " s on the same port and data";
    }

    @Override
    public Fault inject(ChaosContext context) {
        Instant at = Instant.now();
        context.system().local().infrastructure().killPostgres();
        ChaosRun.sleep(DOWN);
        context.system().local().infrastructure().startPostgres();
        return Fault.since(
                at,
                "PostgreSQL answering again after "
                        + Duration.between(at, Instant.now()).toMillis() + " ms");
    }
}
