package dev.handrail.contracts.message;

import dev.handrail.contracts.action.ActionState;

/** A failed action was kept as a dead letter for inspection and replay. */
public record ActionDeadLettered(String actionId, String intent, String deadLetterId, String reason)
        implements ActionEvent {

    @Override
    public ActionState state() {
        return ActionState.DEAD_LETTERED;
    }
}
