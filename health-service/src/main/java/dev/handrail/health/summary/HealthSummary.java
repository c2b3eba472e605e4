package dev.handrail.health.summary;

import dev.handrail.health.state.EntryView;
import dev.handrail.health.state.HealthState;
import java.util.Map;

/**
 * Everything the health service tracks, by name, and one overall verdict: {@code failed} when
 * an infrastructure dependency failed, {@code degraded} when anything else is not healthy.
 */
public record HealthSummary(HealthState overallState, Map<String, EntryView> dependencies) {}
