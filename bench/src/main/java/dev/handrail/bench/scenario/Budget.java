package dev.handrail.bench.scenario;

import java.time.Duration;

/**
 * How long and how much each load runs: the full run that writes the published numbers, or a
 * quick one to check the harness works (its numbers are not comparable).
 *
 * @param warmUp      unmeasured time before each measured window
 * @param measure     the measured window of most loads
 * @param sustained   the measured window of the sustained and scale-out loads
 * @param jdbcRows    rows the JDBC baseline inserts (measured)
 * @param feedActions synthetic actions (five events each) pushed through the audit store
 * @param maxCalls    a ceiling on calls per load, whatever the window
 * @param acceptedPlans a ceiling on measured plans accepted without waiting: each is an action
 *                      the system must still run afterwards, before the next scenario starts
 */
public record Budget(
        String mode,
        Duration warmUp,
        Duration measure,
        Duration sustained,
        int jdbcRows,
        int feedActions,
        long maxCalls,
        long acceptedPlans) {

    /** The published run: well under ten minutes on two cores. */
    public static Budget full() {
        return new Budget(
                "full",
                Duration.ofSeconds(3),
                Duration.ofSeconds(8),
                Duration.ofSeconds(15),
                100_000,
                4_000,
                2_000_000,
                3_000);
    }

    /** A smoke run of every scenario. */
    public static Budget quick() {
        return new Budget(
                "quick",
                Duration.ofSeconds(1),
                Duration.ofSeconds(2),
                Duration.ofSeconds(4),
                5_000,
                1_000,
                200_000,
                3_000);
    }

    /** Only the sustained load, for {@code window}, after a short warm-up. */
    public static Budget soak(Duration window) {
        return new Budget("soak", Duration.ofSeconds(3), Duration.ofSeconds(8), window, 0, 0, Long.MAX_VALUE, 3_000);
    }
}
