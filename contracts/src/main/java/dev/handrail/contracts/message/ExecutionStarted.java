package dev.handrail.contracts.message;

import dev.handrail.contracts.action.ActionState;

/** An executor on {@code node} started running the action. */
public record ExecutionStarted(String actionId, String intent, String node, int attempt) implements ActionEvent {

    @Override
    public ActionState state() {
        return ActionState.EXECUTING;
    }
}
