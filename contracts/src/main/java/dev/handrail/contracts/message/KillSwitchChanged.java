package dev.handrail.contracts.message;

import dev.handrail.contracts.Subjects;
import java.time.Instant;

/**
 * The kill switch was engaged or released for a scope: {@code global}, {@code capability:<intent>}
 * or {@code node:<id>}. Engaged: policy denies new plans in scope, pending approvals in scope cannot
 * be approved, and executors abort in-flight work in scope.
 */
public record KillSwitchChanged(String scope, boolean engaged, String reason, String changedBy, Instant at)
        implements ControlEvent {

    @Override
    public String subject() {
        return scope;
    }

    @Override
    public String natsSubject() {
        return Subjects.KILL_SWITCH_EVENTS;
    }
}
