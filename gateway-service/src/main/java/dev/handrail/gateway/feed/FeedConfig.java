package dev.handrail.gateway.feed;

import io.micronaut.context.annotation.ConfigurationProperties;
import java.time.Duration;

/**
 * The live event feed ({@code GET /v1/events/stream}): how often an idle stream gets a heartbeat
 * comment (which also re-checks the store for anything missed), how many events one catch-up page
 * asks for, how many live events one slow client may have waiting before it falls back to catching
 * up from the store, and how long to wait before asking the store again after it did not answer.
 */
@ConfigurationProperties(FeedConfig.PREFIX)
public class FeedConfig {

    public static final String PREFIX = "handrail.gateway.feed";

    private Duration heartbeat = Duration.ofSeconds(15);
    /** Live streams one principal may hold open on one gateway instance. */
    private int maxStreamsPerPrincipal = 5;

    private int pageSize = 200;
    private int liveBuffer = 10_000;
    private Duration retryDelay = Duration.ofSeconds(1);

    public Duration getHeartbeat() {
        return heartbeat;
    }

    public void setHeartbeat(Duration heartbeat) {
        this.heartbeat = heartbeat;
    }

    public int getPageSize() {
        return pageSize;
    }

    public void setPageSize(int pageSize) {
        this.pageSize = pageSize;
    }

    public int getLiveBuffer() {
        return liveBuffer;
    }

    public void setLiveBuffer(int liveBuffer) {
        this.liveBuffer = liveBuffer;
    }

    public Duration getRetryDelay() {
        return retryDelay;
    }

    public void setRetryDelay(Duration retryDelay) {
        this.retryDelay = retryDelay;
    }

    public int getMaxStreamsPerPrincipal() {
        return maxStreamsPerPrincipal;
    }

    public void setMaxStreamsPerPrincipal(int maxStreamsPerPrincipal) {
        this.maxStreamsPerPrincipal = maxStreamsPerPrincipal;
    }
}
