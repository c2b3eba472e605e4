package dev.handrail.bench.stats;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NumbersTest {

    @Test
    void compactKeepsThreeSignificantDigitsAndGroupsThousands() {
        assertThat(Numbers.compact(12_345.6)).isEqualTo("12,300");
        assertThat(Numbers.compact(45.67)).isEqualTo("45.7");
        assertThat(Numbers.compact(0.012345)).isEqualTo("0.0123");
        assertThat(Numbers.compact(200)).isEqualTo("200");
        assertThat(Numbers.compact(0)).isEqualTo("0");
    }

    @Test
    void missingNumbersAreADash() {
        assertThat(Numbers.compact(Double.NaN)).isEqualTo("–");
        assertThat(Numbers.fixed(Double.NaN, 2)).isEqualTo("–");
    }

    @Test
    void fixedKeepsTheDecimalsAsked() {
        assertThat(Numbers.fixed(0.3, 2)).isEqualTo("0.30");
        assertThat(Numbers.fixed(1.456, 1)).isEqualTo("1.5");
    }
}
