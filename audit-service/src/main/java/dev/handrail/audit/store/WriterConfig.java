package dev.handrail.audit.store;

import io.micronaut.context.annotation.ConfigurationProperties;
import java.time.Duration;

/**
 * How the batch writer groups events into transactions: a flush happens when
 * {@code batch-size} events are waiting or {@code batch-delay} has passed since the first of them.
 */
@ConfigurationProperties(WriterConfig.PREFIX)
public class WriterConfig {

    public static final String PREFIX = "handrail.audit";

    private int batchSize = 512;
    private Duration batchDelay = Duration.ofMillis(5);

    public int getBatchSize() {
        return batchSize;
    }

    public void setBatchSize(int batchSize) {
        if (batchSize < 1) {
            throw new IllegalArgumentException(PREFIX + ".batch-size must be at least 1, not " + batchSize);
        }
        this.batchSize = batchSize;
    }

    public Duration getBatchDelay() {
        return batchDelay;
    }

    public void setBatchDelay(Duration batchDelay) {
        this.batchDelay = batchDelay;
    }
}
