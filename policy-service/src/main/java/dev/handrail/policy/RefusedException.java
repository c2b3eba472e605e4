package dev.handrail.policy;

import dev.handrail.contracts.error.ErrorCode;

/**
 * A request policy answers for (a definition, a run, a step) that cannot be taken as sent: its
 * error code and a message that says what to fix or do instead.
 */
public class RefusedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final ErrorCode code;

    public RefusedException(ErrorCode code, String message) {
        super(message);
        this.code = code;
    }

    public ErrorCode code() {
        return code;
    }
}
