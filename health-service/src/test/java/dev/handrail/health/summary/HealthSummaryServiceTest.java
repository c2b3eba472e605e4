package dev.handrail.health.summary;

import static org.assertj.core.api.Assertions.assertThat;

import dev.handrail.health.state.EntryView;
import dev.handrail.health.state.HealthState;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HealthSummaryServiceTest {

    @Test
    void isHealthyWhenEverythingIs() {
        assertThat(HealthSummaryService.overall(Map.of(
                        "nats", entry("infrastructure", HealthState.HEALTHY),
                        "node:a", entry("node", HealthState.HEALTHY))))
                .isEqualTo(HealthState.HEALTHY);
    }

    @Test
    void isDegradedWhenANodeOrServiceIsNotHealthy() {
        assertThat(HealthSummaryService.overall(Map.of(
                        "nats", entry("infrastructure", HealthState.HEALTHY),
                        "node:a", entry("node", HealthState.FAILED))))
                .isEqualTo(HealthState.DEGRADED);
        assertThat(HealthSummaryService.overall(Map.of("postgres", entry("infrastructure", HealthState.RECOVERING))))
                .isEqualTo(HealthState.DEGRADED);
    }

    @Test
    void isFailedWhenAnInfrastructureDependencyFailed() {
        assertThat(HealthSummaryService.overall(Map.of(
                        "postgres", entry("infrastructure", HealthState.FAILED),
                        "node:a", entry("node", HealthState.HEALTHY))))
                .isEqualTo(HealthState.FAILED);
    }

    private static EntryView entry(String kind, HealthState state) {
        return new EntryView(state, kind, 0, null, null, null);
    }
}
