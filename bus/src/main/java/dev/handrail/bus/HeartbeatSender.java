package dev.handrail.bus;

import dev.handrail.contracts.Subjects;
import dev.handrail.contracts.json.Json;
import dev.handrail.contracts.message.Heartbeat;
import io.nats.client.Connection;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes a heartbeat on a fixed interval from one daemon thread; a failed send is logged and
 * the next one tried on schedule (a missing heartbeat is exactly what health is there to see).
 */
public final class HeartbeatSender implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(HeartbeatSender.class);

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "heartbeat");
        t.setDaemon(true);
        return t;
    });

    /** Starts sending {@code beat.get()} every {@code interval}, the first one now. */
    public HeartbeatSender(Connection connection, Duration interval, Supplier<Heartbeat> beat) {
        timer.scheduleAtFixedRate(
                () -> {
                    try {
                        Heartbeat heartbeat = beat.get();
                        connection.publish(Subjects.heartbeat(heartbeat.kind(), heartbeat.id()), Json.bytes(heartbeat));
                    } catch (RuntimeException | LinkageError e) {
                        // A failure must not end the schedule: a task that throws is never run again.
                        LOG.warn("Heartbeat not sent: {}", e.toString());
                    }
                },
                0,
                interval.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
