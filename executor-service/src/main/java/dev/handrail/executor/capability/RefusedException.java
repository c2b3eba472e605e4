package dev.handrail.executor.capability;

/**
 * The request cannot be run as asked (a path outside the workspace, a missing parameter, an
 * unparsable command); carries the stable error code the failed execution reports. Thrown inside
 * a handler and turned into a failed {@link Outcome} before it leaves the domain, so it never
 * escapes as a technical error.
 */
public class RefusedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String code;

    public RefusedException(String code, String message) {
        super(message);
        this.code = code;
    }

    /** The stable error code, e.g. {@code PATH_OUTSIDE_WORKSPACE}. */
    public String code() {
        return code;
    }
}
