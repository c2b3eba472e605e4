package dev.handrail.contracts.message;

import dev.handrail.contracts.Subjects;
import dev.handrail.contracts.action.ActionState;
import dev.handrail.contracts.action.Execution;

/** The action ran and its effect was verified. */
public record ActionSucceeded(String actionId, String intent, String node, Execution execution) implements NodeResult {

    @Override
    public ActionState state() {
        return ActionState.SUCCEEDED;
    }

    /** Only a node publishes this event, on its own result subject. */
    @Override
    public String natsSubject() {
        return Subjects.nodeResult(state().wire(), intent(), node());
    }
}
