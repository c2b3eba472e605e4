package dev.handrail.gateway.action;

import io.micronaut.context.annotation.ConfigurationProperties;
import java.time.Duration;

/** How long the gateway holds a request open for an action's outcome. */
@ConfigurationProperties(GatewayConfig.PREFIX)
public class GatewayConfig {

    public static final String PREFIX = "handrail.gateway";

    /** Added to an action's own timeout when waiting for its outcome. */
    private Duration waitGrace = Duration.ofSeconds(5);
    /** Upper bound on any wait; past it the client gets 202 and follows up. */
    private Duration maxWait = Duration.ofSeconds(120);
    /** Wait used when a plan names no timeout. */
    private Duration defaultWait = Duration.ofSeconds(30);
    /** How long a query to another service may take. */
    private Duration queryTimeout = Duration.ofSeconds(5);

    public Duration getWaitGrace() {
        return waitGrace;
    }

    public void setWaitGrace(Duration waitGrace) {
        this.waitGrace = waitGrace;
    }

    public Duration getMaxWait() {
        return maxWait;
    }

    public void setMaxWait(Duration maxWait) {
        this.maxWait = maxWait;
    }

    public Duration getDefaultWait() {
        return defaultWait;
    }

    public void setDefaultWait(Duration defaultWait) {
        this.defaultWait = defaultWait;
    }

    public Duration getQueryTimeout() {
        return queryTimeout;
    }

    public void setQueryTimeout(Duration queryTimeout) {
        this.queryTimeout = queryTimeout;
    }

    /** The wait for an action with the given timeout (null: none given). */
    public Duration waitFor(Long actionTimeoutMs) {
        Duration wait = actionTimeoutMs == null
                ? defaultWait
                : Duration.ofMillis(actionTimeoutMs).plus(waitGrace);
        return wait.compareTo(maxWait) > 0 ? maxWait : wait;
    }
}
