package dev.handrail.contracts.message;

import dev.handrail.contracts.action.ActionState;
import dev.handrail.contracts.action.Execution;

/**
 * The action could not be run, or ran and failed, after its retries. A node publishes it on its
 * own result subject ({@code Subjects.nodeResult}); health, for a command no node took, on the
 * shared one ({@link #natsSubject()}).
 */
public record ActionFailed(String actionId, String intent, String node, Execution execution) implements NodeResult {

    @Override
    public ActionState state() {
        return ActionState.FAILED;
    }
}
