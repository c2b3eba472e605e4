package dev.handrail.health.breaker;

import java.time.Instant;

/**
 * One breaker as the breaker query shows it.
 *
 * @param state     {@code closed}, {@code open} or {@code half_open}
 * @param held      open because its node is down (it stays open until the node is back)
 * @param openUntil when an open breaker lets trial calls through; null unless open and not held
 */
public record BreakerView(String state, Stats stats, boolean held, Instant openUntil) {

    /**
     * What the breaker's window holds. The rates are percentages, null until the window has
     * the minimum number of calls.
     */
    public record Stats(
            Float failureRate, Float slowCallRate, int bufferedCalls, int failedCalls, long notPermittedCalls) {}
}
