package dev.handrail.health.breaker;

/**
 * One breaker as the breaker query shows it.
 *
 * @param state {@code closed}, {@code open} or {@code half_open}
 */
public record BreakerView(String state, Stats stats) {

    /**
     * What the breaker's window holds. The rates are percentages, null until the window has
     * the minimum number of calls.
     */
    public record Stats(Float failureRate, Float slowCallRate, int bufferedCalls, int failedCalls,
                        long notPermittedCalls) {
    }
}
