package dev.handrail.bench.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class GoalTest {

    @Test
    void ratioGoalIsMetWhenTheRatioReachesTheBound() {
        Goal.Verdict verdict = Goal.ratioAtLeast(0.30).judge(3_000, 10_000);

        assertThat(verdict.ratio()).isCloseTo(0.30, within(1e-9));
        assertThat(verdict.met()).isTrue();
        assertThat(verdict.describe(Goal.ratioAtLeast(0.30))).isEqualTo("yes");
    }

    @Test
    void missedRatioSaysHowFarShortItFell() {
        Goal goal = Goal.ratioAtLeast(0.60);
        Goal.Verdict verdict = goal.judge(4_500, 10_000);

        assertThat(verdict.met()).isFalse();
        assertThat(verdict.miss()).isCloseTo(0.25, within(1e-9));
        assertThat(verdict.describe(goal)).isEqualTo("no: 25 % short");
    }

    @Test
    void upperBoundOnARatioIsMissedWhenAbove() {
        Goal goal = Goal.ratioAtMost(1.5);
        Goal.Verdict verdict = goal.judge(0.9, 0.3);

        assertThat(verdict.ratio()).isCloseTo(3.0, within(1e-9));
        assertThat(verdict.describe(goal)).isEqualTo("no: 100 % over");
    }

    @Test
    void valueGoalIgnoresTheBaselineButStillReportsTheRatio() {
        Goal goal = Goal.atMost(3, "ms");
        Goal.Verdict verdict = goal.judge(2.5, 0.5);

        assertThat(verdict.met()).isTrue();
        assertThat(verdict.ratio()).isCloseTo(5.0, within(1e-9));
    }

    @Test
    void valueGoalWithoutBaselineHasNoRatio() {
        Goal.Verdict verdict = Goal.atLeast(5000, "actions/s").judge(1200, Double.NaN);

        assertThat(verdict.ratio()).isNaN();
        assertThat(verdict.met()).isFalse();
        assertThat(verdict.describe(Goal.atLeast(5000, "actions/s"))).isEqualTo("no: 76 % short");
    }

    @Test
    void zeroBoundIsMissedByAnyCount() {
        Goal goal = Goal.atMost(0, "events");

        assertThat(goal.judge(0, Double.NaN).met()).isTrue();
        assertThat(goal.judge(3, Double.NaN).describe(goal)).isEqualTo("no");
    }

    @Test
    void nothingMeasuredIsNotMet() {
        Goal goal = Goal.ratioAtLeast(0.3);

        Goal.Verdict verdict = goal.judge(Double.NaN, 100);

        assertThat(verdict.met()).isFalse();
        assertThat(verdict.describe(goal)).isEqualTo("n/a");
    }

    @Test
    void goalsAreWrittenWithTheirSignAndUnit() {
        assertThat(Goal.ratioAtLeast(0.3).text()).isEqualTo("≥ 0.30×");
        assertThat(Goal.ratioAtMost(1.5).text()).isEqualTo("≤ 1.50×");
        assertThat(Goal.atMost(20, "ms").text()).isEqualTo("≤ 20 ms");
        assertThat(Goal.atLeast(5000, "actions/s").text()).isEqualTo("≥ 5,000 actions/s");
        assertThat(Goal.atMost(0, "").text()).isEqualTo("≤ 0");
    }

    @Test
    void ratioOfAZeroBaselineIsNotANumber() {
        assertThat(Ratios.of(5, 0)).isNaN();
        assertThat(Ratios.of(5, 2)).isEqualTo(2.5);
    }
}
