package dev.handrail.bench.baseline;

import dev.handrail.bench.load.ClosedLoop;
import dev.handrail.bench.stats.Measurement;
import io.nats.client.Connection;
import io.nats.client.Message;
import java.time.Duration;
import java.util.function.Predicate;

/** Closed-loop NATS request-reply load: each client sends one request at a time and waits for its reply. */
public final class NatsRequests {

    static final Duration TIMEOUT = Duration.ofSeconds(5);

    private NatsRequests() {}

    /** Requests on {@code subject}; a reply counts as a success when {@code accepted} says so. */
    public static Measurement run(
            String name,
            Connection connection,
            String subject,
            byte[] payload,
            ClosedLoop.Shape shape,
            Predicate<byte[]> accepted,
            ClosedLoop.Probe probe) {
        return ClosedLoop.run(
                name,
                shape,
                () -> () -> {
                    Message reply = connection.request(subject, payload, TIMEOUT);
                    if (reply == null) {
                        throw new IllegalStateException(
                                "No reply on " + subject + " within " + TIMEOUT.toMillis() + " ms");
                    }
                    return accepted.test(reply.getData());
                },
                probe);
    }
}
