package dev.handrail.bus;

import java.time.Duration;

/**
 * A durable pull consumer: instances that use the same name share the work.
 *
 * @param maxAckPending bound on unacknowledged messages in flight across all instances
 * @param maxDeliver    deliveries before JetStream gives up (and advises so)
 */
public record DurableSpec(String stream, String durable, String filterSubject, Duration ackWait,
                          int maxDeliver, int maxAckPending, int batchSize) {

    /** Defaults that suit command handling. */
    public static DurableSpec of(String stream, String durable, String filterSubject) {
        return new DurableSpec(stream, durable, filterSubject, Duration.ofSeconds(30), 5, 4096, 256);
    }

    public DurableSpec withAckWait(Duration wait) {
        return new DurableSpec(stream, durable, filterSubject, wait, maxDeliver, maxAckPending, batchSize);
    }

    public DurableSpec withMaxAckPending(int pending) {
        return new DurableSpec(stream, durable, filterSubject, ackWait, maxDeliver, pending, batchSize);
    }
}
