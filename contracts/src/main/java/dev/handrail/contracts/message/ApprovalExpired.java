package dev.handrail.contracts.message;

import dev.handrail.contracts.action.ActionState;
import java.time.Instant;

/** Nobody decided before the approval lapsed; the action will never run. */
public record ApprovalExpired(String actionId, String intent, Instant expiredAt) implements ActionEvent {

    @Override
    public ActionState state() {
        return ActionState.EXPIRED;
    }
}
