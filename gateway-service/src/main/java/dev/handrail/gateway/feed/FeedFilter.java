package dev.handrail.gateway.feed;

import dev.handrail.contracts.message.Envelope;
import dev.handrail.contracts.query.EventQuery;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which stored events a feed client wants: any of the CloudEvents {@code types} (empty: all), one
 * action, one intent. The filters that the store can apply itself go into the catch-up queries.
 * Immutable.
 */
public record FeedFilter(Set<String> types, String actionId, String intent) {

    public FeedFilter {
        types = types == null ? Set.of() : Set.copyOf(types);
    }

    /** From the query parameters; {@code type} may list several types separated by commas. */
    public static FeedFilter of(String type, String actionId, String intent) {
        Set<String> types = type == null
                ? Set.of()
                : Arrays.stream(type.split(","))
                        .map(String::trim)
                        .filter(t -> !t.isEmpty())
                        .collect(Collectors.toSet());
        return new FeedFilter(types, blankToNull(actionId), blankToNull(intent));
    }

    /** Whether a stored envelope is one the client wants. */
    public boolean matches(Envelope envelope) {
        return (types.isEmpty() || types.contains(envelope.type()))
                && (actionId == null || actionId.equals(envelope.subject()))
                && (intent == null
                        || (envelope.data() != null
                                && intent.equals(envelope.data().path("intent").asText(null))));
    }

    /** The store's query for matching events with seq in {@code from..to} (to 0: up to the newest). */
    public EventQuery query(long from, long to, int limit) {
        return new EventQuery(
                from,
                to,
                limit,
                actionId,
                null,
                types.size() == 1 ? types.iterator().next() : null,
                intent);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
