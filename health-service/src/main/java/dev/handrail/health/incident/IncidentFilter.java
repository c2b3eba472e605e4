package dev.handrail.health.incident;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which incidents to list: optional state ({@code open | closed}) and kind, and a page size
 * clamped to 1..{@value #MAX_LIMIT} ({@code 0} means {@value #DEFAULT_LIMIT}).
 */
public record IncidentFilter(String state, String kind, int limit) {

    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 500;
    /** The filter names a list query may use. */
    public static final Set<String> KEYS = Set.of("state", "kind");

    private static final Set<String> STATES = Set.of(Incident.OPEN, Incident.CLOSED);

    /** Reads a query's filters; blank values count as absent, unknown names and states are refused. */
    public static IncidentFilter of(Map<String, String> filters, int limit) {
        Set<String> unknown = new TreeSet<>(filters.keySet());
        unknown.removeAll(KEYS);
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException(
                    "Unknown incident filter " + unknown + "; use any of " + new TreeSet<>(KEYS));
        }
        String state = value(filters, "state");
        if (state != null && !STATES.contains(state)) {
            throw new IllegalArgumentException("Unknown incident state " + state + "; use open or closed");
        }
        return new IncidentFilter(
                state, value(filters, "kind"), limit == 0 ? DEFAULT_LIMIT : Math.max(1, Math.min(MAX_LIMIT, limit)));
    }

    private static String value(Map<String, String> filters, String key) {
        String v = filters.get(key);
        return v == null || v.isBlank() ? null : v.trim();
    }
}
