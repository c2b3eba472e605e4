package dev.handrail.health.probe;

import java.time.Instant;

/** What the summary adds for a dependency: when it was last probed and how long the probe took. */
public record ProbeDetail(Instant lastChecked, long latencyMs) {}
