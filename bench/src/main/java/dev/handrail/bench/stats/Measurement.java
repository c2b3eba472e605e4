package dev.handrail.bench.stats;

import java.time.Duration;
import org.HdrHistogram.Histogram;

/**
 * What one measured run did: how many calls (or rows, or events) completed, how many failed,
 * over how long, and, when latencies were recorded, their percentiles in milliseconds (NaN when
 * not). Latencies are recorded in nanoseconds.
 *
 * @param count      operations that completed without error in the measured window
 * @param errors     operations that failed in the measured window
 * @param seconds    length of the measured window
 * @param perSecond  {@code count / seconds}
 */
public record Measurement(
        String name,
        long count,
        long errors,
        double seconds,
        double perSecond,
        double p50Ms,
        double p99Ms,
        double p999Ms,
        double maxMs) {

    /** A run with a latency for each operation (successful ones only are in {@code latencies}). */
    public static Measurement of(String name, Histogram latencies, long errors, Duration window) {
        double seconds = seconds(window);
        long count = latencies.getTotalCount();
        if (count == 0) {
            return new Measurement(name, 0, errors, seconds, 0, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        }
        return new Measurement(
                name,
                count,
                errors,
                seconds,
                count / seconds,
                millis(latencies.getValueAtPercentile(50)),
                millis(latencies.getValueAtPercentile(99)),
                millis(latencies.getValueAtPercentile(99.9)),
                millis(latencies.getMaxValue()));
    }

    /** A run measured as a rate only (no per-operation latency). */
    public static Measurement rate(String name, long count, long errors, Duration window) {
        double seconds = seconds(window);
        return new Measurement(
                name, count, errors, seconds, count / seconds, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
    }

    /** A histogram for latencies in nanoseconds up to an hour, three significant digits. */
    public static Histogram newHistogram() {
        return new Histogram(Duration.ofHours(1).toNanos(), 3);
    }

    /** Whether latencies were recorded. */
    public boolean hasLatencies() {
        return !Double.isNaN(p50Ms);
    }

    private static double seconds(Duration window) {
        if (window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("A measured window must be longer than zero: " + window);
        }
        return window.toNanos() / 1e9;
    }

    private static double millis(long nanos) {
        return nanos / 1e6;
    }
}
