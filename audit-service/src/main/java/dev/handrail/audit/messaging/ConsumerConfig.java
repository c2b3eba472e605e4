package dev.handrail.audit.messaging;

import io.micronaut.context.annotation.ConfigurationProperties;
import java.time.Duration;

/**
 * The audit durable consumer: how many events may be unacknowledged at once (across instances),
 * how many one pull fetches, and how long JetStream waits for an acknowledgement or a sign of
 * progress before it redelivers. There is deliberately no cap on deliveries: the audit consumer
 * redelivers until an event is stored or quarantined (see {@link EventFeedConsumer}).
 */
@ConfigurationProperties(ConsumerConfig.PREFIX)
public class ConsumerConfig {

    public static final String PREFIX = "handrail.audit.consumer";
    /** The shortest ack wait that leaves room for a progress signal before it runs out. */
    static final Duration MIN_ACK_WAIT = Duration.ofSeconds(1);

    private int maxAckPending = 2048;
    private int fetchSize = 256;
    private Duration ackWait = Duration.ofSeconds(30);

    public int getMaxAckPending() {
        return maxAckPending;
    }

    public void setMaxAckPending(int maxAckPending) {
        this.maxAckPending = positive("max-ack-pending", maxAckPending);
    }

    public int getFetchSize() {
        return fetchSize;
    }

    public void setFetchSize(int fetchSize) {
        this.fetchSize = positive("fetch-size", fetchSize);
    }

    public Duration getAckWait() {
        return ackWait;
    }

    public void setAckWait(Duration ackWait) {
        if (ackWait.compareTo(MIN_ACK_WAIT) < 0) {
            throw new IllegalArgumentException(PREFIX + ".ack-wait must be at least " + MIN_ACK_WAIT.toMillis()
                    + " ms (it was " + ackWait.toMillis()
                    + " ms): events waiting for the store are kept alive every third of it");
        }
        this.ackWait = ackWait;
    }

    /**
     * How often events still waiting for the store tell JetStream they are being worked on: a
     * third of the ack wait, so two signals may be lost before it would redeliver.
     */
    public Duration progressEvery() {
        return ackWait.dividedBy(3);
    }

    private static int positive(String name, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(PREFIX + "." + name + " must be at least 1 (it was " + value + ")");
        }
        return value;
    }
}
