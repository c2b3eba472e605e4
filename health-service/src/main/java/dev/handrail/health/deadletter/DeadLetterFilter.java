package dev.handrail.health.deadletter;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which dead letters to list: optional exact matches on intent, node and error code, and a page
 * size clamped to 1..{@value #MAX_LIMIT} ({@code 0} means {@value #DEFAULT_LIMIT}).
 */
public record DeadLetterFilter(String intent, String node, String errorCode, int limit) {

    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 500;
    /** The filter names a list query may use. */
    public static final Set<String> KEYS = Set.of("intent", "node", "error_code");

    /** Reads a query's filters; blank values count as absent, unknown names are refused. */
    public static DeadLetterFilter of(Map<String, String> filters, int limit) {
        Set<String> unknown = new TreeSet<>(filters.keySet());
        unknown.removeAll(KEYS);
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException(
                    "Unknown dead letter filter " + unknown + "; use any of " + new TreeSet<>(KEYS));
        }
        return new DeadLetterFilter(
                value(filters, "intent"), value(filters, "node"), value(filters, "error_code"), clamp(limit));
    }

    static int clamp(int limit) {
        return limit == 0 ? DEFAULT_LIMIT : Math.max(1, Math.min(MAX_LIMIT, limit));
    }

    private static String value(Map<String, String> filters, String key) {
        String v = filters.get(key);
        return v == null || v.isBlank() ? null : v.trim();
    }
}
