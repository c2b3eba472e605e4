package dev.handrail.health.breaker;

import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.micronaut.context.annotation.ConfigurationProperties;
import java.time.Duration;

/**
 * How every node and capability breaker judges outcomes, under {@code handrail.health.breakers};
 * the defaults suit desktop actions (few calls, some slow).
 */
@ConfigurationProperties(BreakerConfig.PREFIX)
public class BreakerConfig {

    public static final String PREFIX = "handrail.health.breakers";

    private int slidingWindowSize = 20;
    private int minimumCalls = 5;
    private float failureRateThreshold = 50;
    private Duration slowCallDuration = Duration.ofSeconds(10);
    private float slowCallRateThreshold = 80;
    private Duration waitInOpen = Duration.ofSeconds(30);
    private int halfOpenCalls = 3;

    /** Outcomes kept per breaker (a count-based window). */
    public int getSlidingWindowSize() {
        return slidingWindowSize;
    }

    public void setSlidingWindowSize(int slidingWindowSize) {
        this.slidingWindowSize = slidingWindowSize;
    }

    /** Outcomes needed before rates are judged at all. */
    public int getMinimumCalls() {
        return minimumCalls;
    }

    public void setMinimumCalls(int minimumCalls) {
        this.minimumCalls = minimumCalls;
    }

    /** Failure percentage in the window at which the breaker opens. */
    public float getFailureRateThreshold() {
        return failureRateThreshold;
    }

    public void setFailureRateThreshold(float failureRateThreshold) {
        this.failureRateThreshold = failureRateThreshold;
    }

    /** An action that took longer than this is slow. */
    public Duration getSlowCallDuration() {
        return slowCallDuration;
    }

    public void setSlowCallDuration(Duration slowCallDuration) {
        this.slowCallDuration = slowCallDuration;
    }

    /** Slow-call percentage in the window at which the breaker opens. */
    public float getSlowCallRateThreshold() {
        return slowCallRateThreshold;
    }

    public void setSlowCallRateThreshold(float slowCallRateThreshold) {
        this.slowCallRateThreshold = slowCallRateThreshold;
    }

    /** How long an open breaker waits before it lets trial calls through (half-open). */
    public Duration getWaitInOpen() {
        return waitInOpen;
    }

    public void setWaitInOpen(Duration waitInOpen) {
        this.waitInOpen = waitInOpen;
    }

    /** Trial calls a half-open breaker judges before closing or opening again. */
    public int getHalfOpenCalls() {
        return halfOpenCalls;
    }

    public void setHalfOpenCalls(int halfOpenCalls) {
        this.halfOpenCalls = halfOpenCalls;
    }

    /**
     * The resilience4j configuration these settings describe. An open breaker does not move to
     * half-open on a timer of its own: {@link BreakerBoard#tick()} moves it on the board's clock,
     * so every transition happens under the board's lock, in order.
     */
    public CircuitBreakerConfig toResilience4j() {
        return CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(slidingWindowSize)
                .minimumNumberOfCalls(minimumCalls)
                .failureRateThreshold(failureRateThreshold)
                .slowCallDurationThreshold(slowCallDuration)
                .slowCallRateThreshold(slowCallRateThreshold)
                .waitDurationInOpenState(waitInOpen)
                .permittedNumberOfCallsInHalfOpenState(halfOpenCalls)
                .automaticTransitionFromOpenToHalfOpenEnabled(false)
                .writableStackTraceEnabled(false)
                .build();
    }
}
