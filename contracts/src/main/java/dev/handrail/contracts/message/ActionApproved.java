package dev.handrail.contracts.message;

import dev.handrail.contracts.action.ActionState;
import dev.handrail.contracts.action.Decision;
import org.jspecify.annotations.Nullable;

/** The action may run: allowed by policy outright ({@code approvedBy} null) or approved by a person. */
public record ActionApproved(
        String actionId,
        String intent,
        Decision decision,
        @Nullable String approvedBy,
        @Nullable String comment) implements ActionEvent {

    @Override
    public ActionState state() {
        return ActionState.APPROVED;
    }
}
