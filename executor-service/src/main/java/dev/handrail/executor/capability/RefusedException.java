package dev.handrail.executor.capability;

import dev.handrail.contracts.error.ErrorCode;

/**
 * The request cannot be run as asked (a path outside the workspace, a missing parameter, an
 * unparsable command); carries the stable error code the failed execution reports. Thrown inside
 * a handler and turned into a failed {@link Outcome} before it leaves the domain, so it never
 * escapes as a technical error.
 */
public class RefusedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final ErrorCode code;

    public RefusedException(ErrorCode code, String message) {
        super(message);
        this.code = code;
    }

    /** The stable error code, e.g. {@code PATH_OUTSIDE_WORKSPACE}. */
    public ErrorCode code() {
        return code;
    }
}
