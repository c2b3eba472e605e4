package dev.handrail.bench.report;

import dev.handrail.bench.stats.Goal;

/**
 * One row of the results table: a measured value, the baseline it is compared with (NaN when
 * the goal is on the value alone), and how it fared against its goal.
 */
public record Comparison(
        String metric,
        String unit,
        double measured,
        String baselineName,
        double baseline,
        String baselineUnit,
        Goal goal,
        Goal.Verdict verdict) {

    /** Judges {@code measured} against {@code goal}; the baseline is in the same unit. */
    public static Comparison of(
            String metric, String unit, double measured, String baselineName, double baseline, Goal goal) {
        return of(metric, unit, measured, baselineName, baseline, unit, goal);
    }

    /** Judges {@code measured} against {@code goal}, with a baseline in a unit of its own. */
    public static Comparison of(
            String metric,
            String unit,
            double measured,
            String baselineName,
            double baseline,
            String baselineUnit,
            Goal goal) {
        return new Comparison(
                metric, unit, measured, baselineName, baseline, baselineUnit, goal, goal.judge(measured, baseline));
    }
}
