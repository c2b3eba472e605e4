package dev.handrail.gateway.feed;

import dev.handrail.contracts.message.Envelope;
import dev.handrail.contracts.query.EventQuery;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which stored events a feed client wants: any of the CloudEvents {@code types} (empty: all), one
 * action, one intent, the actions of one planning {@code principal} (an agent's own feed). The
 * filters that the store can apply itself go into the catch-up queries; the principal's only the
 * store can (it knows who planned each action), so such a feed reads every event from the store.
 * Immutable.
 */
public record FeedFilter(Set<String> types, String actionId, String intent, String principal) {

    public FeedFilter {
        types = types == null ? Set.of() : Set.copyOf(types);
    }

    /** From the query parameters; {@code type} may list several types separated by commas. */
    public static FeedFilter of(String type, String actionId, String intent) {
        return of(type, actionId, intent, null);
    }

    /** As {@link #of(String, String, String)}, kept to the actions {@code principal} planned (null: all). */
    public static FeedFilter of(String type, String actionId, String intent, String principal) {
        Set<String> types = type == null
                ? Set.of()
                : Arrays.stream(type.split(","))
                        .map(String::trim)
                        .filter(t -> !t.isEmpty())
                        .collect(Collectors.toSet());
        return new FeedFilter(types, blankToNull(actionId), blankToNull(intent), blankToNull(principal));
    }

    /** Whether only the store can tell which events match: live events are then read back from it. */
    public boolean storeOnly() {
        return principal != null;
    }

    /** Whether a stored envelope is one the client wants, as far as it shows (the principal's filter is the store's). */
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
                intent,
                principal);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
