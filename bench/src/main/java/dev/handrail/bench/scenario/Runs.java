package dev.handrail.bench.scenario;

import dev.handrail.bench.stats.Measurement;
import dev.handrail.bench.stats.Numbers;

/** One-line descriptions of measurements for the harness's log. */
final class Runs {

    private Runs() {}

    static String describe(Measurement m) {
        return m.name() + ": " + Numbers.compact(m.perSecond()) + "/s, p50 " + Numbers.compact(m.p50Ms()) + " ms, p99 "
                + Numbers.compact(m.p99Ms()) + " ms, p99.9 " + Numbers.compact(m.p999Ms()) + " ms, " + m.count()
                + " ok, " + m.errors() + " errors";
    }
}
