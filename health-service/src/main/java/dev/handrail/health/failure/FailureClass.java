package dev.handrail.health.failure;

import com.fasterxml.jackson.annotation.JsonValue;
import dev.handrail.contracts.error.Blame;
import dev.handrail.contracts.error.ErrorCode;
import java.util.Locale;

/**
 * How a dead letter groups the failure its error code names, derived from the error catalogue:
 * a few codes have a class of their own, the rest follow whom the code blames. Whether a failure
 * counts against a node is the catalogue's {@link Blame}, not this class.
 */
public enum FailureClass {
    /** The action ran out of time ({@code TIMEOUT}). */
    TIMEOUT,
    /** The run was cut short: the executor stopped under it, the kill switch aborted it, or its run was cancelled. */
    INTERRUPTED,
    /** The command changed after policy decided, or verification did not see the expected effect. */
    CONTENT_MISMATCH,
    /** The node does not offer this capability. */
    NOT_IMPLEMENTED,
    /** The request itself was wrong or failed on its own terms (every other code that blames the request). */
    VALIDATION,
    /** Anything else that went wrong while running it (every other node or infrastructure failure, and unknown codes). */
    EXECUTION_ERROR,
    /** JetStream gave up on the command after its maximum deliveries (the consumer never acknowledged it). */
    MAX_DELIVERIES;

    /** Classifies an error code read off the wire; a missing or unknown code is an execution error. */
    public static FailureClass of(String errorCode) {
        return ErrorCode.find(errorCode).map(FailureClass::of).orElse(EXECUTION_ERROR);
    }

    /** Classifies a code of the catalogue. */
    public static FailureClass of(ErrorCode code) {
        return switch (code) {
            case TIMEOUT -> TIMEOUT;
            case INTERRUPTED, ABORTED_BY_KILL_SWITCH, RUN_CANCELLED -> INTERRUPTED;
            case CONTENT_MISMATCH, VERIFICATION_FAILED -> CONTENT_MISMATCH;
            case NOT_IMPLEMENTED -> NOT_IMPLEMENTED;
            case MAX_DELIVERIES -> MAX_DELIVERIES;
            default -> code.blame() == Blame.REQUEST ? VALIDATION : EXECUTION_ERROR;
        };
    }

    /** Wire name, e.g. {@code content_mismatch}. */
    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
