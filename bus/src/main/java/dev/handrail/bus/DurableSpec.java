package dev.handrail.bus;

import java.time.Duration;

/**
 * A durable pull consumer: instances that use the same name share the work.
 *
 * @param maxAckPending bound on unacknowledged messages in flight across all instances
 * @param maxDeliver    deliveries before JetStream gives up (and advises so)
 * @param fromNow       a new durable starts at the messages stored after it, not at the stream's first
 */
public record DurableSpec(
        String stream,
        String durable,
        String filterSubject,
        Duration ackWait,
        int maxDeliver,
        int maxAckPending,
        int batchSize,
        boolean fromNow) {

    public DurableSpec(
            String stream,
            String durable,
            String filterSubject,
            Duration ackWait,
            int maxDeliver,
            int maxAckPending,
            int batchSize) {
        this(stream, durable, filterSubject, ackWait, maxDeliver, maxAckPending, batchSize, false);
    }

    /** Defaults that suit command handling. */
    public static DurableSpec of(String stream, String durable, String filterSubject) {
        return new DurableSpec(stream, durable, filterSubject, Duration.ofSeconds(30), 5, 4096, 256);
    }

    /** The same with at most {@code maxAckPending} messages handed out and not yet acknowledged (pulled in batches no larger). */
    public DurableSpec inFlight(int maxAckPending) {
        return new DurableSpec(
                stream,
                durable,
                filterSubject,
                ackWait,
                maxDeliver,
                maxAckPending,
                Math.min(batchSize, maxAckPending),
                fromNow);
    }

    /** The same, for a durable that starts at new messages when it is first created. */
    public DurableSpec startingNow() {
        return new DurableSpec(stream, durable, filterSubject, ackWait, maxDeliver, maxAckPending, batchSize, true);
    }
}
