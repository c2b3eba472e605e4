package dev.handrail.bench.stats;

import java.util.Locale;

/**
 * A goal a scenario is held to: a bound on either the ratio of its measured value to its
 * baseline, or on the measured value itself (in the goal's unit).
 *
 * @param basis      whether the bound applies to the ratio or to the value
 * @param comparison whether the value must be at least or at most the bound
 * @param bound      the bound
 * @param unit       unit of an absolute bound ({@code ×} for ratios)
 */
public record Goal(Basis basis, Comparison comparison, double bound, String unit) {

    /** What the bound applies to. */
    public enum Basis {
        RATIO,
        VALUE
    }

    /** Which side of the bound is good. */
    public enum Comparison {
        AT_LEAST,
        AT_MOST
    }

    public static Goal ratioAtLeast(double bound) {
        return new Goal(Basis.RATIO, Comparison.AT_LEAST, bound, "×");
    }

    public static Goal ratioAtMost(double bound) {
        return new Goal(Basis.RATIO, Comparison.AT_MOST, bound, "×");
    }

    public static Goal atLeast(double bound, String unit) {
        return new Goal(Basis.VALUE, Comparison.AT_LEAST, bound, unit);
    }

    public static Goal atMost(double bound, String unit) {
        return new Goal(Basis.VALUE, Comparison.AT_MOST, bound, unit);
    }

    /**
     * Judges a measured value against this goal; {@code baseline} may be NaN when the goal is on
     * the value, and then the ratio is NaN too.
     */
    public Verdict judge(double measured, double baseline) {
        double ratio = Ratios.of(measured, baseline);
        double actual = basis == Basis.RATIO ? ratio : measured;
        if (Double.isNaN(actual)) {
            return new Verdict(ratio, false, Double.NaN);
        }
        boolean met = comparison == Comparison.AT_LEAST ? actual >= bound : actual <= bound;
        double miss = met ? 0 : bound == 0 ? Double.POSITIVE_INFINITY : Math.abs(actual - bound) / Math.abs(bound);
        return new Verdict(ratio, met, miss);
    }

    /** The goal as the report writes it, e.g. {@code ≥ 0.30×} or {@code ≤ 3 ms}. */
    public String text() {
        String sign = comparison == Comparison.AT_LEAST ? "≥ " : "≤ ";
        if (basis == Basis.RATIO) {
            return sign + Numbers.fixed(bound, 2) + "×";
        }
        return sign + Numbers.compact(bound) + (unit.isEmpty() ? "" : " " + unit);
    }

    /**
     * How a measurement fared.
     *
     * @param ratio measured / baseline (NaN without a baseline)
     * @param met   whether the goal was met
     * @param miss  when missed, by how much as a fraction of the bound (0.25: 25 % short or over)
     */
    public record Verdict(double ratio, boolean met, double miss) {

        /** {@code yes}, or {@code no: 25 % short} / {@code no: 40 % over}; {@code n/a} when nothing was measured. */
        public String describe(Goal goal) {
            if (met) {
                return "yes";
            }
            if (Double.isNaN(miss)) {
                return "n/a";
            }
            if (Double.isInfinite(miss)) {
                return "no";
            }
            String side = goal.comparison() == Comparison.AT_LEAST ? "short" : "over";
            return String.format(Locale.ROOT, "no: %s %% %s", Numbers.compact(miss * 100), side);
        }
    }
}
