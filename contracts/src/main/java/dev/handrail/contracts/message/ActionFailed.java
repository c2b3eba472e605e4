package dev.handrail.contracts.message;

import dev.handrail.contracts.action.ActionState;
import dev.handrail.contracts.action.Execution;

/** The action could not be run, or ran and failed, after its retries. */
public record ActionFailed(String actionId, String intent, String node, Execution execution) implements ActionEvent {

    @Override
    public ActionState state() {
        return ActionState.FAILED;
    }
}
