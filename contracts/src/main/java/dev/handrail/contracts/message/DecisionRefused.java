package dev.handrail.contracts.message;

import dev.handrail.contracts.Subjects;

/**
 * A decision on an approval was not taken. {@code code} is stable: {@code NOT_FOUND} (no such
 * action), {@code NOT_PENDING} (already decided or never needed approval), {@code APPROVAL_EXPIRED}.
 */
public record DecisionRefused(String actionId, String code, String message) implements Notice {

    @Override
    public String natsSubject() {
        return Subjects.NOTICE_DECISION_REFUSED;
    }
}
