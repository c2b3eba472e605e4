package dev.handrail.health.incident;

import java.time.Instant;
import java.util.Map;

/**
 * Something went wrong that a person should know of, from when it started until its cause
 * recovered. {@code key} names the cause ({@code breaker:<name>}, {@code node:<id>},
 * {@code dead_letters}); at most one incident per key is open at a time.
 *
 * @param kind  {@code breaker}, {@code node} or {@code dead_letters}
 * @param state {@code open} or {@code closed}
 */
public record Incident(
        String id,
        String key,
        String kind,
        String state,
        String title,
        Map<String, Object> detail,
        Instant openedAt,
        Instant closedAt) {

    public static final String OPEN = "open";
    public static final String CLOSED = "closed";

    public Incident {
        detail = detail == null ? Map.of() : detail;
    }
}
