package dev.handrail.bench.chaos;

import java.time.Duration;

/**
 * How much load and time each fault scenario gets: concurrent agents, the load before the fault
 * and after it is over, and how long accepted actions may take to settle before they count as lost.
 *
 * @param mode   {@code quick} (the test profile) or {@code full} ({@code ./handrail chaos})
 * @param settle the bound on waiting for every accepted action to reach a terminal state
 */
public record ChaosBudget(String mode, int clients, Duration before, Duration after, Duration settle) {

    /** A small load for the integration test on a busy two-core machine. */
    public static ChaosBudget quick() {
        return new ChaosBudget("quick", 6, Duration.ofSeconds(4), Duration.ofSeconds(6), Duration.ofSeconds(120));
    }

    /** {@code ./handrail chaos}: more agents, longer before and after the fault. */
    public static ChaosBudget full() {
        return new ChaosBudget("full", 12, Duration.ofSeconds(8), Duration.ofSeconds(12), Duration.ofSeconds(240));
    }
}
