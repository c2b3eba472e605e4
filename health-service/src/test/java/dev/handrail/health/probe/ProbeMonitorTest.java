package dev.handrail.health.probe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.handrail.devkit.MutableClock;
import dev.handrail.health.state.EntryView;
import dev.handrail.health.state.HealthState;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ProbeMonitorTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final SwitchableProbe database = new SwitchableProbe("postgres");
    private final CountDownLatch never = new CountDownLatch(1);
    private ProbeMonitor monitor;

    @AfterEach
    void close() {
        never.countDown();
        if (monitor != null) {
            monitor.close();
        }
    }

    @Test
    void aWorkingDependencyIsHealthyInfrastructure() {
        monitor = monitor(database);

        monitor.runAll();

        EntryView entry = monitor.snapshot().get("postgres");
        assertThat(entry.state()).isEqualTo(HealthState.HEALTHY);
        assertThat(entry.kind()).isEqualTo("infrastructure");
        assertThat(entry.lastOk()).isEqualTo(clock.instant());
        assertThat(entry.detail()).isInstanceOf(ProbeDetail.class);
    }

    @Test
    void aFailingProbeFailsAndCountsConsecutiveFailures() {
        monitor = monitor(database);
        monitor.runAll();

        database.failWith("connection refused");
        tick(2);

        EntryView entry = monitor.snapshot().get("postgres");
        assertThat(entry.state()).isEqualTo(HealthState.FAILED);
        assertThat(entry.consecutiveFailures()).isEqualTo(2);
        assertThat(entry.lastError()).isEqualTo("connection refused");
    }

    @Test
    void aFailedDependencyRecoversThenIsHealthyAfterThreeMoreSuccesses() {
        monitor = monitor(database);
        database.failWith("connection refused");
        tick(1);

        database.work();
        tick(1);
        assertThat(state()).isEqualTo(HealthState.RECOVERING);
        assertThat(monitor.snapshot().get("postgres").consecutiveFailures()).isZero();

        tick(2);
        assertThat(state()).isEqualTo(HealthState.RECOVERING);
        tick(1);
        assertThat(state()).isEqualTo(HealthState.HEALTHY);
    }

    @Test
    void aFailureWhileRecoveringFailsAgain() {
        monitor = monitor(database);
        database.failWith("down");
        tick(1);
        database.work();
        tick(2);

        database.failWith("down again");
        tick(1);

        assertThat(state()).isEqualTo(HealthState.FAILED);
        assertThat(monitor.snapshot().get("postgres").lastError()).isEqualTo("down again");
    }

    @Test
    void aProbeThatDoesNotAnswerInTimeFails() {
        DependencyProbe hanging = new DependencyProbe() {
            @Override
            public String name() {
                return "jetstream";
            }

            @Override
            public void check() throws Exception {
                never.await();
            }
        };
        monitor = monitor(database, hanging);

        monitor.runAll();

        assertThat(monitor.snapshot().get("jetstream").state()).isEqualTo(HealthState.FAILED);
        assertThat(monitor.snapshot().get("jetstream").lastError()).isEqualTo("No answer within 100 ms");
        assertThat(state()).isEqualTo(HealthState.HEALTHY);
    }

    private ProbeMonitor monitor(DependencyProbe... probes) {
        ProbeConfig config = new ProbeConfig();
        config.setTimeout(Duration.ofMillis(100));
        return new ProbeMonitor(List.of(probes), config, clock);
    }

    private void tick(int rounds) {
        for (int i = 0; i < rounds; i++) {
            clock.advance(Duration.ofSeconds(2));
            monitor.runAll();
        }
    }

    private HealthState state() {
        return monitor.snapshot().get("postgres").state();
    }

    /** A probe a test turns on and off. */
    private static final class SwitchableProbe implements DependencyProbe {
        private final String name;
        private volatile String failure;

        SwitchableProbe(String name) {
            this.name = name;
        }

        void failWith(String message) {
            failure = message;
        }

        void work() {
            failure = null;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public void check() {
            String message = failure;
            if (message != null) {
                throw new IllegalStateException(message);
            }
        }
    }
}
