package dev.handrail.health.probe;

import io.micronaut.context.annotation.ConfigurationProperties;
import java.time.Duration;

/** How dependencies are probed, under {@code handrail.health.probes}. */
@ConfigurationProperties(ProbeConfig.PREFIX)
public class ProbeConfig {

    public static final String PREFIX = "handrail.health.probes";

    private Duration interval = Duration.ofSeconds(2);
    private Duration timeout = Duration.ofMillis(1500);
    private int recoveryCount = 3;

    /** Time between the end of one round of probes and the start of the next. */
    public Duration getInterval() {
        return interval;
    }

    public void setInterval(Duration interval) {
        this.interval = interval;
    }

    /** A probe that has not answered within this time has failed. */
    public Duration getTimeout() {
        return timeout;
    }

    public void setTimeout(Duration timeout) {
        this.timeout = timeout;
    }

    /** Successful probes in a row while recovering before a dependency is healthy again. */
    public int getRecoveryCount() {
        return recoveryCount;
    }

    public void setRecoveryCount(int recoveryCount) {
        this.recoveryCount = recoveryCount;
    }
}
