package dev.handrail.health.liveness;

import io.micronaut.context.annotation.ConfigurationProperties;
import java.time.Duration;

/** How heartbeats are judged, under {@code handrail.health.liveness}. */
@ConfigurationProperties(LivenessConfig.PREFIX)
public class LivenessConfig {

    public static final String PREFIX = "handrail.health.liveness";

    private Duration checkInterval = Duration.ofSeconds(1);
    private int failAfterIntervals = 3;
    private double lateAfterIntervals = 1.5;
    private int recoveryCount = 3;
    private Duration forgetServicesAfter = Duration.ofMinutes(5);

    /** How often entries are aged. */
    public Duration getCheckInterval() {
        return checkInterval;
    }

    public void setCheckInterval(Duration checkInterval) {
        this.checkInterval = checkInterval;
    }

    /** A heartbeat older than this many of its intervals means the sender failed. */
    public int getFailAfterIntervals() {
        return failAfterIntervals;
    }

    public void setFailAfterIntervals(int failAfterIntervals) {
        this.failAfterIntervals = failAfterIntervals;
    }

    /** A heartbeat older than this many of its intervals is late: healthy becomes degraded. */
    public double getLateAfterIntervals() {
        return lateAfterIntervals;
    }

    public void setLateAfterIntervals(double lateAfterIntervals) {
        this.lateAfterIntervals = lateAfterIntervals;
    }

    /** On-time heartbeats in a row while recovering before an entry is healthy again. */
    public int getRecoveryCount() {
        return recoveryCount;
    }

    public void setRecoveryCount(int recoveryCount) {
        this.recoveryCount = recoveryCount;
    }

    /**
     * How long a failed service instance stays listed; instance ids are new on every start, so
     * an old one would otherwise stay failed for good. Nodes keep their ids and are never forgotten.
     */
    public Duration getForgetServicesAfter() {
        return forgetServicesAfter;
    }

    public void setForgetServicesAfter(Duration forgetServicesAfter) {
        this.forgetServicesAfter = forgetServicesAfter;
    }
}
