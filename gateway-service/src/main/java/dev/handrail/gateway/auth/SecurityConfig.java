package dev.handrail.gateway.auth;

import io.micronaut.context.annotation.ConfigurationProperties;

/** Authentication and abuse limits of the gateway. */
@ConfigurationProperties(SecurityConfig.PREFIX)
public class SecurityConfig {

    public static final String PREFIX = "handrail.gateway.security";

    /** Admin token made valid at start-up (from {@code HANDRAIL_BOOTSTRAP_TOKEN}); empty for none. */
    private String bootstrapToken = "";
    /** Requests each principal may make per second, on average. */
    private long requestsPerSecond = 200;
    /** Requests a principal may make at once above the average. */
    private long burst = 400;

    public String getBootstrapToken() {
        return bootstrapToken;
    }

    public void setBootstrapToken(String bootstrapToken) {
        this.bootstrapToken = bootstrapToken;
    }

    public long getRequestsPerSecond() {
        return requestsPerSecond;
    }

    public void setRequestsPerSecond(long requestsPerSecond) {
        this.requestsPerSecond = requestsPerSecond;
    }

    public long getBurst() {
        return burst;
    }

    public void setBurst(long burst) {
        this.burst = burst;
    }
}
