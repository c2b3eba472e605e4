package dev.handrail.bench.stats;

/** Ratios of a measured value to its baseline, NaN when either is missing or the baseline is zero. */
public final class Ratios {

    private Ratios() {}

    public static double of(double measured, double baseline) {
        if (Double.isNaN(measured) || Double.isNaN(baseline) || baseline == 0) {
            return Double.NaN;
        }
        return measured / baseline;
    }
}
