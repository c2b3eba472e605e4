package dev.handrail.bench.chaos;

import java.time.Duration;
import java.time.Instant;

/**
 * 2. The single nats-server is stopped and started again mid-load on the same port and JetStream
 * file store: the services reconnect by themselves, and streams and consumers go on where they were.
 */
final class NatsRestarted implements ChaosScenario {

    @Override
    public int number() {
        return 2;
    }

    @Override
    public String title() {
        return "NATS restarted";
    }

    @Override
    public String fault() {
        return "stop nats-server (SIGTERM) and start it again on the same port and file store";
    }

    @Override
    public Fault inject(ChaosContext context) {
        Instant at = Instant.now();
        context.system().local().infrastructure().restartNats();
        return Fault.since(
                at,
                "nats-server answering again after "
                        + Duration.between(at, Instant.now()).toMillis() + " ms");
    }
}
