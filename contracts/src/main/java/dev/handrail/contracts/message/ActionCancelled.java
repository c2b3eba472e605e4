package dev.handrail.contracts.message;

import dev.handrail.contracts.action.ActionState;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * The principal who planned the action withdrew it while it waited for approval (an agent whose
 * caller gave up); it will never run.
 */
public record ActionCancelled(
        String actionId,
        String intent,
        String cancelledBy,
        Instant cancelledAt,
        @Nullable String reason) implements ActionEvent {

    @Override
    public ActionState state() {
        return ActionState.CANCELLED;
    }
}
