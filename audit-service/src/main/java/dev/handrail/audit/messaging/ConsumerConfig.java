package dev.handrail.audit.messaging;

import io.micronaut.context.annotation.ConfigurationProperties;
import java.time.Duration;

/**
 * The audit durable consumer: how many events may be unacknowledged at once (across instances),
 * how many one pull fetches, how long before an unacknowledged event is redelivered, and how
 * often it is delivered before JetStream gives up ({@code -1}: never, so no event is lost while
 * the database is down).
 */
@ConfigurationProperties(ConsumerConfig.PREFIX)
public class ConsumerConfig {

    public static final String PREFIX = "handrail.audit.consumer";

    private int maxAckPending = 8192;
    private int fetchSize = 512;
    private Duration ackWait = Duration.ofSeconds(30);
    private int maxDeliver = -1;

    public int getMaxAckPending() {
        return maxAckPending;
    }

    public void setMaxAckPending(int maxAckPending) {
        this.maxAckPending = maxAckPending;
    }

    public int getFetchSize() {
        return fetchSize;
    }

    public void setFetchSize(int fetchSize) {
        this.fetchSize = fetchSize;
    }

    public Duration getAckWait() {
        return ackWait;
    }

    public void setAckWait(Duration ackWait) {
        this.ackWait = ackWait;
    }

    public int getMaxDeliver() {
        return maxDeliver;
    }

    public void setMaxDeliver(int maxDeliver) {
        this.maxDeliver = maxDeliver;
    }
}
