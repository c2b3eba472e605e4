package dev.handrail.bench.stats;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Locale;

/** How the report writes numbers: three significant digits, thousands grouped, NaN as a dash. */
public final class Numbers {

    private Numbers() {}

    /** Three significant digits, no trailing zeros, thousands grouped: 12,300 · 45.6 · 0.0123. */
    public static String compact(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return "–";
        }
        if (value == 0) {
            return "0";
        }
        BigDecimal rounded = new BigDecimal(value)
                .round(new MathContext(3, RoundingMode.HALF_EVEN))
                .stripTrailingZeros();
        if (rounded.scale() <= 0) {
            return String.format(Locale.ROOT, "%,d", rounded.toBigInteger());
        }
        return rounded.toPlainString();
    }

    /** A ratio: two decimals, or three significant digits below 0.1 so a small one does not read as zero. */
    public static String ratio(double value) {
        return Math.abs(value) < 0.1 ? compact(value) : fixed(value, 2);
    }

    /** A fixed number of decimals: {@code fixed(0.3, 2)} is {@code 0.30}. */
    public static String fixed(double value, int decimals) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return "–";
        }
        return String.format(Locale.ROOT, "%." + decimals + "f", value);
    }
}
