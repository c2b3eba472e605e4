package dev.handrail.contracts.message;

import dev.handrail.contracts.action.ActionState;
import dev.handrail.contracts.action.Decision;

/** The action may run: allowed by policy outright ({@code approvedBy} null) or approved by a person. */
public record ActionApproved(String actionId, String intent, Decision decision, String approvedBy, String comment) implements ActionEvent {

    @Override
    public ActionState state() {
        return ActionState.APPROVED;
    }
}
