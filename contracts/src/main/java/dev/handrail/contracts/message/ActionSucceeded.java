package dev.handrail.contracts.message;

import dev.handrail.contracts.action.ActionState;
import dev.handrail.contracts.action.Execution;

/** The action ran and its effect was verified. */
public record ActionSucceeded(String actionId, String intent, String node, Execution execution) implements ActionEvent {

    @Override
    public ActionState state() {
        return ActionState.SUCCEEDED;
    }
}
