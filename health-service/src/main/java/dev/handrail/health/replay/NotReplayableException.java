package dev.handrail.health.replay;

import dev.handrail.contracts.error.ErrorCode;

/**
 * A dead letter cannot be replayed: what its action asked for is not known anywhere
 * ({@code NOT_REPLAYABLE}), or its sensitive inputs are gone with the action
 * ({@code SENSITIVE_INPUTS_GONE}). {@link #code()} is the error code the refusal answers with.
 */
public class NotReplayableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final ErrorCode code;

    public NotReplayableException(String message) {
        this(ErrorCode.NOT_REPLAYABLE, message);
    }

    public NotReplayableException(ErrorCode code, String message) {
        super(message);
        this.code = code;
    }

    /** The stable error code of the refusal. */
    public ErrorCode code() {
        return code;
    }
}
