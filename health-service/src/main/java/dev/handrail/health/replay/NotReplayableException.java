package dev.handrail.health.replay;

/**
 * A dead letter cannot be replayed: what its action asked for is not known anywhere
 * ({@link #NOT_REPLAYABLE}), or its sensitive inputs are gone with the action
 * ({@link #SENSITIVE_INPUTS_GONE}). {@link #code()} is the error code the refusal answers with.
 */
public class NotReplayableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** What the action asked for is not known. */
    public static final String NOT_REPLAYABLE = "NOT_REPLAYABLE";
    /** The action carried sensitive inputs (typed text, clipboard text, file content), which are kept only as digests. */
    public static final String SENSITIVE_INPUTS_GONE = "SENSITIVE_INPUTS_GONE";

    private final String code;

    public NotReplayableException(String message) {
        this(NOT_REPLAYABLE, message);
    }

    public NotReplayableException(String code, String message) {
        super(message);
        this.code = code;
    }

    /** The stable error code of the refusal. */
    public String code() {
        return code;
    }
}
