package dev.handrail.health.webhook;

import io.micronaut.context.annotation.ConfigurationProperties;
import java.time.Duration;
import java.util.List;

/** How webhooks are delivered and which addresses they may reach, under {@code handrail.health.webhooks}. */
@ConfigurationProperties(WebhookConfig.PREFIX)
public class WebhookConfig {

    public static final String PREFIX = "handrail.health.webhooks";

    private boolean allowPrivateAddresses;
    private List<Duration> retrySchedule = List.of(
            Duration.ofSeconds(5),
            Duration.ofSeconds(30),
            Duration.ofMinutes(2),
            Duration.ofMinutes(5),
            Duration.ofMinutes(15),
            Duration.ofMinutes(30),
            Duration.ofHours(1),
            Duration.ofHours(2));
    private Duration pollInterval = Duration.ofSeconds(1);
    private Duration requestTimeout = Duration.ofSeconds(10);
    private int maxConcurrentDeliveries = 32;
    private String consoleUrl = "http://127.0.0.1:8080/console";

    /**
     * Whether webhook URLs may point at loopback, link-local, private and unique-local addresses;
     * off, so webhooks cannot be turned against the internal network.
     */
    public boolean isAllowPrivateAddresses() {
        return allowPrivateAddresses;
    }

    public void setAllowPrivateAddresses(boolean allowPrivateAddresses) {
        this.allowPrivateAddresses = allowPrivateAddresses;
    }

    /**
     * The waits between attempts after a failed one: attempt n+1 comes this schedule's n-th wait
     * after attempt n; once it is used up the delivery is given up. The default covers about four hours.
     */
    public List<Duration> getRetrySchedule() {
        return retrySchedule;
    }

    public void setRetrySchedule(List<Duration> retrySchedule) {
        this.retrySchedule = List.copyOf(retrySchedule);
    }

    /** How often an instance looks for due deliveries when nothing new woke it. */
    public Duration getPollInterval() {
        return pollInterval;
    }

    public void setPollInterval(Duration pollInterval) {
        this.pollInterval = pollInterval;
    }

    /** How long one attempt may take (connect and answer) before it counts as failed. */
    public Duration getRequestTimeout() {
        return requestTimeout;
    }

    public void setRequestTimeout(Duration requestTimeout) {
        this.requestTimeout = requestTimeout;
    }

    /** Attempts one instance has in flight at once. */
    public int getMaxConcurrentDeliveries() {
        return maxConcurrentDeliveries;
    }

    public void setMaxConcurrentDeliveries(int maxConcurrentDeliveries) {
        this.maxConcurrentDeliveries = maxConcurrentDeliveries;
    }

    /** Where the operator console is, for the links in notifications ({@code .../console}). */
    public String getConsoleUrl() {
        return consoleUrl;
    }

    public void setConsoleUrl(String consoleUrl) {
        this.consoleUrl = consoleUrl;
    }

    /** How long a claimed attempt is held before another instance may take it over (its sender died). */
    Duration lease() {
        return requestTimeout.plusSeconds(30);
    }
}
