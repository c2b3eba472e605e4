package dev.handrail.contracts.query;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * Request for a page of actions, newest first; every filter is optional. {@code from} and
 * {@code to} bound when the action was created ({@code from} inclusive, {@code to} exclusive).
 * The reply's data is an {@link ActionPage}.
 */
public record ActionListQuery(
        @Nullable String state,
        @Nullable String intent,
        @Nullable String sessionId,
        @Nullable String principal,
        @Nullable String node,
        int limit,
        @Nullable Instant from,
        @Nullable Instant to) {

    /** A query without a time range. */
    public ActionListQuery(
            @Nullable String state,
            @Nullable String intent,
            @Nullable String sessionId,
            @Nullable String principal,
            @Nullable String node,
            int limit) {
        this(state, intent, sessionId, principal, node, limit, null, null);
    }

    /** The same query restricted to one principal's actions. */
    public ActionListQuery withPrincipal(@Nullable String onlyPrincipal) {
        return new ActionListQuery(state, intent, sessionId, onlyPrincipal, node, limit, from, to);
    }
}
