package dev.handrail.bench.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class MeasurementTest {

    @Test
    void percentilesComeFromTheHistogramInMilliseconds() {
        Histogram latencies = Measurement.newHistogram();
        for (int ms = 1; ms <= 1000; ms++) {
            latencies.recordValue(Duration.ofMillis(ms).toNanos());
        }

        Measurement m = Measurement.of("load", latencies, 7, Duration.ofSeconds(4));

        assertThat(m.count()).isEqualTo(1000);
        assertThat(m.errors()).isEqualTo(7);
        assertThat(m.perSecond()).isEqualTo(250.0);
        assertThat(m.p50Ms()).isCloseTo(500, within(1.0));
        assertThat(m.p99Ms()).isCloseTo(990, within(1.0));
        assertThat(m.p999Ms()).isCloseTo(999, within(1.0));
        assertThat(m.maxMs()).isCloseTo(1000, within(1.0));
        assertThat(m.hasLatencies()).isTrue();
    }

    @Test
    void aRunWithoutSuccessHasNoLatencies() {
        Measurement m = Measurement.of("failing", Measurement.newHistogram(), 12, Duration.ofSeconds(1));

        assertThat(m.count()).isZero();
        assertThat(m.perSecond()).isZero();
        assertThat(m.p50Ms()).isNaN();
        assertThat(m.hasLatencies()).isFalse();
    }

    @Test
    void aRateHasThroughputButNoLatencies() {
        Measurement m = Measurement.rate("rows", 50_000, 0, Duration.ofMillis(2500));

        assertThat(m.perSecond()).isEqualTo(20_000.0);
        assertThat(m.hasLatencies()).isFalse();
    }

    @Test
    void anEmptyWindowIsRefused() {
        assertThatThrownBy(() -> Measurement.rate("nothing", 1, 0, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
