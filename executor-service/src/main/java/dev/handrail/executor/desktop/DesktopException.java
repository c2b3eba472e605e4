package dev.handrail.executor.desktop;

import dev.handrail.contracts.error.ErrorCode;
import dev.handrail.executor.capability.RefusedException;

/**
 * A desktop operation failed with a stable code (no desktop session, a window gone, input
 * blocked); reported as a failed execution like a refusal.
 */
public class DesktopException extends RefusedException {

    private static final long serialVersionUID = 1L;

    public DesktopException(ErrorCode code, String message) {
        super(code, message);
    }

    /** The desktop session is gone or was never there. */
    public static DesktopException noSession(String reason) {
        return new DesktopException(ErrorCode.NO_DESKTOP_SESSION, "No desktop session on this node: " + reason);
    }
}
