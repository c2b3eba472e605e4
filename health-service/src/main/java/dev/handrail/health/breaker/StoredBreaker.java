package dev.handrail.health.breaker;

import java.time.Instant;

/**
 * A breaker as PostgreSQL keeps it: enough to put it back in the same state after a restart or
 * on a new leader (its window of outcomes is not kept and starts empty).
 */
public record StoredBreaker(
        String name,
        String node,
        String intent,
        String state,
        boolean held,
        Instant openUntil,
        long seq,
        Instant changedAt) {}
