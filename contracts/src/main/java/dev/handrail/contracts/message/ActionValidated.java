package dev.handrail.contracts.message;

import dev.handrail.contracts.action.ActionState;
import dev.handrail.contracts.action.Validation;

/** Every validation check passed; for a dry run this is where the action ends. */
public record ActionValidated(String actionId, String intent, Validation validation, boolean dryRun)
        implements ActionEvent {

    @Override
    public ActionState state() {
        return ActionState.VALIDATED;
    }
}
