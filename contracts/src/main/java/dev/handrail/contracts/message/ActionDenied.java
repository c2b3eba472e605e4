package dev.handrail.contracts.message;

import dev.handrail.contracts.action.ActionState;
import dev.handrail.contracts.action.Decision;

/** The action will not run: denied by policy ({@code deniedBy} null) or by a person. */
public record ActionDenied(String actionId, String intent, Decision decision, String deniedBy, String comment)
        implements ActionEvent {

    @Override
    public ActionState state() {
        return ActionState.DENIED;
    }
}
