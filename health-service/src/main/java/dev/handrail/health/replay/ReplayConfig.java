package dev.handrail.health.replay;

import io.micronaut.context.annotation.ConfigurationProperties;
import java.time.Duration;

/** How a replay waits for its new action, under {@code handrail.health.replay}. */
@ConfigurationProperties(ReplayConfig.PREFIX)
public class ReplayConfig {

    public static final String PREFIX = "handrail.health.replay";

    private Duration wait = Duration.ofSeconds(2);
    private Duration lookupTimeout = Duration.ofSeconds(1);

    /**
     * How long a replay waits for its new action to settle (policy's decision, or the outcome of
     * an action that needs no approval) before it answers with the state seen so far. Keep it
     * well under the gateway's query timeout.
     */
    public Duration getWait() {
        return wait;
    }

    public void setWait(Duration wait) {
        this.wait = wait;
    }

    /** How long to wait for the audit store's view of an action. */
    public Duration getLookupTimeout() {
        return lookupTimeout;
    }

    public void setLookupTimeout(Duration lookupTimeout) {
        this.lookupTimeout = lookupTimeout;
    }
}
