package dev.handrail.contracts.message;

import dev.handrail.contracts.Subjects;
import dev.handrail.contracts.error.ErrorCode;

/**
 * A decision on an approval was not taken. {@code code} is stable: {@code NOT_FOUND} (no such
 * action), {@code NOT_PENDING} (already decided or never needed approval), {@code APPROVAL_EXPIRED}.
 */
public record DecisionRefused(String actionId, String code, String message) implements Notice {

    /** A refusal with a code from the catalogue. */
    public DecisionRefused(String actionId, ErrorCode code, String message) {
        this(actionId, code.code(), message);
    }

    @Override
    public String natsSubject() {
        return Subjects.NOTICE_DECISION_REFUSED;
    }
}
