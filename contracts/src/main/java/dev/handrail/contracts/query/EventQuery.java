package dev.handrail.contracts.query;

import org.jspecify.annotations.Nullable;

/**
 * Request for a page of stored events in seq order, from {@code fromSeq} up to {@code toSeq}
 * (0: up to the newest), at most {@code limit} (0: the default); every filter is optional and an
 * exact match; {@code principal} keeps the events of the actions that principal planned. The reply's data is an {@link EventPage}.
 */
public record EventQuery(
        long fromSeq,
        long toSeq,
        int limit,
        @Nullable String actionId,
        @Nullable String correlationId,
        @Nullable String type,
        @Nullable String intent,
        @Nullable String principal) {

    /** Every event from {@code fromSeq} on, unfiltered. */
    public static EventQuery from(long fromSeq, int limit) {
        return new EventQuery(fromSeq, 0, limit, null, null, null, null, null);
    }
}
