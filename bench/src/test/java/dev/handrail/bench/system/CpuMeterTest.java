package dev.handrail.bench.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CpuMeterTest {

    @Test
    void coresAreCpuSecondsPerWallSecondPerPart() {
        Map<String, Duration> before = Map.of("gateway", Duration.ofSeconds(10), "policy", Duration.ofSeconds(4));
        Map<String, Duration> after = Map.of(
                "gateway", Duration.ofSeconds(18), "policy", Duration.ofSeconds(6), "audit", Duration.ofSeconds(3));

        Map<String, Double> cores = CpuMeter.coresUsed(before, after, 10);

        assertThat(cores.get("gateway")).isCloseTo(0.8, within(1e-9));
        assertThat(cores.get("policy")).isCloseTo(0.2, within(1e-9));
        assertThat(cores.get("audit")).isCloseTo(0.3, within(1e-9));
    }

    @Test
    void aPartWhoseProcessWentAwayNeverUsesNegativeTime() {
        Map<String, Double> cores = CpuMeter.coresUsed(
                Map.of("postgres", Duration.ofSeconds(9)), Map.of("postgres", Duration.ofSeconds(5)), 1);

        assertThat(cores.get("postgres")).isZero();
    }

    @Test
    void measuresTheCpuThisProcessBurnsInTheWindow() {
        CpuMeter meter = new CpuMeter(() -> Map.of("me", List.of(ProcessHandle.current())));
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        Duration burn = Duration.ofMillis(300);
        long wallStart = System.nanoTime();
        meter.measuringStarts();
        long until = threads.getCurrentThreadCpuTime() + burn.toNanos();
        while (threads.getCurrentThreadCpuTime() < until) {
            Thread.onSpinWait();
        }
        meter.measuringEnds();
        double wall = (System.nanoTime() - wallStart) / 1e9;

        // The window holds at least the 300 ms this thread burnt (less a clock tick of the
        // process accounting), and no process can use more cores than the machine has.
        assertThat(meter.cores().get("me") * wall).isGreaterThanOrEqualTo(0.25);
        assertThat(meter.cores().get("me"))
                .isLessThanOrEqualTo(Runtime.getRuntime().availableProcessors() * 1.05);
    }
}
