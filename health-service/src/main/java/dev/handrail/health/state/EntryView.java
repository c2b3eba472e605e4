package dev.handrail.health.state;

import java.time.Instant;

/**
 * A snapshot of one tracked entry as the health summary shows it.
 *
 * @param kind   {@code service}, {@code node} or {@code infrastructure}
 * @param detail what the kind adds: heartbeat details for services and nodes, probe timing for dependencies
 */
public record EntryView(
        HealthState state, String kind, int consecutiveFailures, Instant lastOk, String lastError, Object detail) {}
