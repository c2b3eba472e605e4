package dev.handrail.executor.capability;

import dev.handrail.contracts.error.ErrorCode;

/**
 * Whether a handler can run on this node right now, and if not, the stable code and the reason
 * a refused command reports (a desktop capability on a node without a desktop session).
 */
public record Availability(boolean available, ErrorCode code, String reason) {

    /** The handler can run. */
    public static final Availability AVAILABLE = new Availability(true, null, null);

    public static Availability unavailable(ErrorCode code, String reason) {
        return new Availability(false, code, reason);
    }
}
