package dev.handrail.health.failure;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;
import java.util.Set;

/**
 * What kind of failure an execution error code names, so dead letters can be grouped and
 * breakers fed only with failures that say something about the node.
 */
public enum FailureClass {
    /** The action ran out of time ({@code TIMEOUT}, {@code TIMED_OUT}, {@code *_TIMEOUT}). */
    TIMEOUT,
    /** The run was cut short: cancelled, or the executor stopped under it. */
    INTERRUPTED,
    /** It ran, but verification did not see the expected effect. */
    CONTENT_MISMATCH,
    /** The node does not offer this capability. */
    NOT_IMPLEMENTED,
    /** The request itself was wrong (bad parameters, a path outside the workspace, a file or program that is not there). */
    VALIDATION,
    /** Anything else that went wrong while running it. */
    EXECUTION_ERROR,
    /** JetStream gave up on the command after its maximum deliveries (the consumer never acknowledged it). */
    MAX_DELIVERIES;

    private static final Set<String> INTERRUPTED_CODES = Set.of("INTERRUPTED", "CANCELLED", "CANCELED", "ABORTED",
            "EXECUTOR_STOPPED", "SHUTDOWN");
    private static final Set<String> MISMATCH_CODES = Set.of("CONTENT_MISMATCH", "VERIFICATION_FAILED",
            "EFFECT_NOT_VERIFIED");
    private static final Set<String> NOT_IMPLEMENTED_CODES = Set.of("NOT_IMPLEMENTED", "UNSUPPORTED",
            "NOT_SUPPORTED", "CAPABILITY_UNAVAILABLE", "UNSUPPORTED_PLATFORM");
    private static final Set<String> VALIDATION_CODES = Set.of("VALIDATION_FAILED", "VALIDATION_ERROR",
            "BAD_PARAMS", "PATH_OUTSIDE_WORKSPACE", "BLOCKED", "UNKNOWN_INTENT", "UNKNOWN_CAPABILITY", "FILE_NOT_FOUND",
            "NOT_A_FILE", "FILE_TOO_LARGE", "PATH_IS_SYMLINK", "COMMAND_NOT_FOUND");

    /** Classifies an error code (case does not matter); a missing or unknown code is an execution error. */
    public static FailureClass of(String errorCode) {
        if (errorCode == null || errorCode.isBlank()) {
            return EXECUTION_ERROR;
        }
        String code = errorCode.trim().toUpperCase(Locale.ROOT);
        if (code.equals("TIMEOUT") || code.equals("TIMED_OUT") || code.endsWith("_TIMEOUT")) {
            return TIMEOUT;
        }
        if (code.equals("MAX_DELIVERIES")) {
            return MAX_DELIVERIES;
        }
        if (INTERRUPTED_CODES.contains(code)) {
            return INTERRUPTED;
        }
        if (MISMATCH_CODES.contains(code)) {
            return CONTENT_MISMATCH;
        }
        if (NOT_IMPLEMENTED_CODES.contains(code)) {
            return NOT_IMPLEMENTED;
        }
        if (VALIDATION_CODES.contains(code) || code.startsWith("INVALID_")) {
            return VALIDATION;
        }
        return EXECUTION_ERROR;
    }

    /** Whether a failure of this class says something about the node's health (and so feeds its breakers). */
    public boolean isExecutionFailure() {
        return this != CONTENT_MISMATCH && this != VALIDATION;
    }

    /** Wire name, e.g. {@code content_mismatch}. */
    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
