package dev.handrail.contracts.message;

import dev.handrail.contracts.Subjects;

/**
 * A plan command was not taken at all (no action was created), e.g. {@code UNVERIFIED_PRINCIPAL}:
 * its principal claim is missing, expired, badly signed or made for another command or payload.
 */
public record PlanRefused(String actionId, String code, String message) implements Notice {

    @Override
    public String natsSubject() {
        return Subjects.NOTICE_PLAN_REFUSED;
    }
}
