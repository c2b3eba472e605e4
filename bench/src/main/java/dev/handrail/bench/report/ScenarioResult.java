package dev.handrail.bench.report;

import dev.handrail.bench.stats.Measurement;
import java.util.List;
import java.util.Map;

/**
 * What one scenario found: its measurements (the scenario's own and its baselines'), its rows of
 * the results table, the cores each part of the system used while it ran, and notes.
 */
public record ScenarioResult(
        String id,
        String title,
        List<Measurement> measurements,
        List<Comparison> comparisons,
        Map<String, Double> cores,
        List<String> notes) {

    public ScenarioResult {
        measurements = List.copyOf(measurements);
        comparisons = List.copyOf(comparisons);
        cores = Map.copyOf(cores);
        notes = List.copyOf(notes);
    }

    /** Whether every goal of the scenario was met. */
    public boolean met() {
        return comparisons.stream().allMatch(c -> c.verdict().met());
    }
}
