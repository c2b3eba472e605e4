package dev.handrail.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import dev.handrail.bench.stats.Measurement;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ClosedLoopTest {

    @Test
    void stopsAtTheCallBudgetAndCountsOnlyMeasuredCalls() {
        AtomicInteger calls = new AtomicInteger();
        ClosedLoop.Shape shape = new ClosedLoop.Shape(2, Duration.ofMillis(50), Duration.ofSeconds(30), 1_000);

        Measurement m = ClosedLoop.run("budget", shape, () -> () -> calls.incrementAndGet() > 0, ClosedLoop.Probe.NONE);

        assertThat(m.count()).isEqualTo(1_000);
        assertThat(m.errors()).isZero();
        assertThat(calls.get()).isGreaterThan(1_000);
        assertThat(m.seconds()).isLessThan(30);
    }

    @Test
    void failedAndThrowingCallsAreErrorsNotLatencies() {
        AtomicInteger n = new AtomicInteger();
        ClosedLoop.Shape shape = new ClosedLoop.Shape(1, Duration.ZERO, Duration.ofSeconds(30), 300);

        Measurement m = ClosedLoop.run(
                "errors",
                shape,
                () -> () -> switch (n.incrementAndGet() % 3) {
                    case 0 -> false;
                    case 1 -> throw new IllegalStateException("boom");
                    default -> true;
                },
                ClosedLoop.Probe.NONE);

        assertThat(m.count()).isEqualTo(100);
        assertThat(m.errors()).isEqualTo(200);
    }

    @Test
    void theProbeSeesTheMeasuredWindowOpenAndClose() {
        StringBuilder seen = new StringBuilder();
        ClosedLoop.Probe probe = new ClosedLoop.Probe() {
            @Override
            public void measuringStarts() {
                seen.append("start;");
            }

            @Override
            public void measuringEnds() {
                seen.append("end;");
            }
        };

        ClosedLoop.run(
                "probe", new ClosedLoop.Shape(1, Duration.ZERO, Duration.ofMillis(100), 10), () -> () -> true, probe);

        assertThat(seen).hasToString("start;end;");
    }
}
