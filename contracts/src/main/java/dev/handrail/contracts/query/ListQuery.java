package dev.handrail.contracts.query;

import java.util.Map;

/** Request for a page of things, newest first, with optional exact-match filters. */
public record ListQuery(Map<String, String> filters, int limit) {

    public ListQuery {
        filters = filters == null ? Map.of() : Map.copyOf(filters);
    }
}
