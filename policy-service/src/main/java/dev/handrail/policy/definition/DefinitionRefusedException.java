package dev.handrail.policy.definition;

import dev.handrail.contracts.error.ErrorCode;

/** A definition, or a run of one, that cannot be taken as sent: its error code and a message that says what to fix. */
public class DefinitionRefusedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final ErrorCode code;

    public DefinitionRefusedException(ErrorCode code, String message) {
        super(message);
        this.code = code;
    }

    public ErrorCode code() {
        return code;
    }
}
