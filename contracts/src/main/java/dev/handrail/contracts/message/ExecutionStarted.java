package dev.handrail.contracts.message;

import dev.handrail.contracts.Subjects;
import dev.handrail.contracts.action.ActionState;

/** An executor on {@code node} started running the action. */
public record ExecutionStarted(String actionId, String intent, String node, int attempt) implements NodeResult {

    @Override
    public ActionState state() {
        return ActionState.EXECUTING;
    }

    /** Only a node publishes this event, on its own result subject. */
    @Override
    public String natsSubject() {
        return Subjects.nodeResult(state().wire(), intent(), node());
    }
}
