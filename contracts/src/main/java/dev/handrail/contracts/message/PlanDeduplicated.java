package dev.handrail.contracts.message;

import dev.handrail.contracts.Subjects;

/**
 * A plan arrived with an idempotency key already used by {@code duplicateOf}; no new action
 * was created. {@code actionId} is the id the duplicate request was given.
 */
public record PlanDeduplicated(String actionId, String duplicateOf) implements Notice {

    @Override
    public String natsSubject() {
        return Subjects.NOTICE_PLAN_DEDUPLICATED;
    }
}
