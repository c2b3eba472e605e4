package dev.handrail.bench.chaos;

import java.time.Duration;
import java.util.List;

/**
 * One scenario's line of {@code docs/reliability.md}: the load, the fault, and what happened to
 * the accepted plans. {@code recovery} is null when no plan accepted after the fault succeeded.
 *
 * @param violations promises of the scenario that did not hold (besides the zero columns)
 */
record ChaosRow(
        int number,
        String title,
        String load,
        String fault,
        long accepted,
        long settled,
        long lost,
        long executedTwice,
        long storedTwice,
        long gaps,
        Duration recovery,
        List<String> notes,
        List<String> violations) {

    /** Nothing lost, run twice, stored twice or missing from the chain; recovered; every promise kept. */
    boolean clean() {
        return accepted > 0
                && lost == 0
                && executedTwice == 0
                && storedTwice == 0
                && gaps == 0
                && recovery != null
                && violations.isEmpty();
    }
}
