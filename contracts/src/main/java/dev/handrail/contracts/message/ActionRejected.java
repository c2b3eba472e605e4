package dev.handrail.contracts.message;

import dev.handrail.contracts.action.ActionState;
import dev.handrail.contracts.action.ApiError;
import dev.handrail.contracts.action.Validation;

/** A validation check failed; {@code error} names the first failure. */
public record ActionRejected(String actionId, String intent, Validation validation, ApiError error)
        implements ActionEvent {

    @Override
    public ActionState state() {
        return ActionState.REJECTED;
    }
}
