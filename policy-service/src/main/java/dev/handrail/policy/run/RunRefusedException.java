package dev.handrail.policy.run;

import dev.handrail.contracts.error.ErrorCode;

/** A request about a run that cannot be taken as sent: its error code and a message that says what to do. */
public class RunRefusedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final ErrorCode code;

    public RunRefusedException(ErrorCode code, String message) {
        super(message);
        this.code = code;
    }

    public ErrorCode code() {
        return code;
    }
}
