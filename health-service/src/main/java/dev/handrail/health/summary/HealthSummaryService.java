package dev.handrail.health.summary;

import dev.handrail.health.liveness.LivenessRegistry;
import dev.handrail.health.probe.ProbeMonitor;
import dev.handrail.health.state.EntryView;
import dev.handrail.health.state.HealthState;
import jakarta.inject.Singleton;
import java.util.Map;
import java.util.TreeMap;

/** Builds the health summary from the liveness registry and the dependency probes; stateless. */
@Singleton
public final class HealthSummaryService {

    private final LivenessRegistry liveness;
    private final ProbeMonitor probes;

    public HealthSummaryService(LivenessRegistry liveness, ProbeMonitor probes) {
        this.liveness = liveness;
        this.probes = probes;
    }

    /** The summary as of now. */
    public HealthSummary summary() {
        Map<String, EntryView> all = new TreeMap<>(liveness.snapshot());
        all.putAll(probes.snapshot());
        return new HealthSummary(overall(all), all);
    }

    /** {@code failed} if any infrastructure entry failed, {@code degraded} if any entry is not healthy. */
    static HealthState overall(Map<String, EntryView> entries) {
        boolean infrastructureFailed = entries.values().stream()
                .anyMatch(e -> ProbeMonitor.KIND.equals(e.kind()) && e.state() == HealthState.FAILED);
        if (infrastructureFailed) {
            return HealthState.FAILED;
        }
        boolean anyUnhealthy = entries.values().stream().anyMatch(e -> e.state() != HealthState.HEALTHY);
        return anyUnhealthy ? HealthState.DEGRADED : HealthState.HEALTHY;
    }
}
