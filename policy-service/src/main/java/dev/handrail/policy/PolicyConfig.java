package dev.handrail.policy;

import io.micronaut.context.annotation.ConfigurationProperties;
import java.time.Duration;

/** The policy service's settings, under {@code handrail.policy}; every one has a default. */
@ConfigurationProperties(PolicyConfig.PREFIX)
public class PolicyConfig {

    public static final String PREFIX = "handrail.policy";

    private String defaultNode = "local";
    private Duration approvalTtl = Duration.ofSeconds(300);
    private Duration sweepInterval = Duration.ofSeconds(1);
    private int sweepBatch = 100;
    private Duration publishTimeout = Duration.ofSeconds(10);

    /** The node a plan runs on when it names none. */
    public String getDefaultNode() {
        return defaultNode;
    }

    public void setDefaultNode(String defaultNode) {
        this.defaultNode = defaultNode;
    }

    /** How long a pending approval waits for a person before it expires. */
    public Duration getApprovalTtl() {
        return approvalTtl;
    }

    public void setApprovalTtl(Duration approvalTtl) {
        this.approvalTtl = approvalTtl;
    }

    /** How often lapsed approvals are looked for (read by the scheduler as {@code handrail.policy.sweep-interval}). */
    public Duration getSweepInterval() {
        return sweepInterval;
    }

    public void setSweepInterval(Duration sweepInterval) {
        this.sweepInterval = sweepInterval;
    }

    /** At most this many approvals are expired in one sweep transaction. */
    public int getSweepBatch() {
        return sweepBatch;
    }

    public void setSweepBatch(int sweepBatch) {
        this.sweepBatch = sweepBatch;
    }

    /** How long to wait for JetStream to store what policy publishes before the work is retried. */
    public Duration getPublishTimeout() {
        return publishTimeout;
    }

    public void setPublishTimeout(Duration publishTimeout) {
        this.publishTimeout = publishTimeout;
    }
}
