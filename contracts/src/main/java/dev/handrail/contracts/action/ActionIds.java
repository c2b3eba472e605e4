package dev.handrail.contracts.action;

import com.github.f4b6a3.ulid.Ulid;
import com.github.f4b6a3.ulid.UlidCreator;

/**
 * Action and event ids: ULIDs, so ids sort by creation time. Monotonic within a process, so
 * two ids made in the same millisecond still sort in creation order.
 */
public final class ActionIds {

    private ActionIds() {}

    /** A new id. */
    public static String next() {
        return UlidCreator.getMonotonicUlid().toString();
    }

    /** Whether a string is a well-formed ULID (so it can be used in queries and subjects). */
    public static boolean isValid(String id) {
        return id != null && Ulid.isValid(id);
    }
}
