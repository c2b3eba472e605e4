package dev.handrail.gateway.action;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import dev.handrail.contracts.action.ActionState;
import dev.handrail.contracts.action.ActionView;
import java.time.Instant;
import java.util.Set;

/**
 * The answer to a plan or a decision, and an entry of an action list, with the Stage 5 field
 * names: {@code ok} says whether the action went well (false once it was rejected, failed or
 * dead-lettered), the action's fields follow flat, {@code error} only when {@code ok} is false.
 */
public record ActionResponse(boolean ok, @JsonUnwrapped ActionDetails action) {

    private static final Set<ActionState> NOT_OK = Set.of(ActionState.REJECTED, ActionState.FAILED,
            ActionState.DEAD_LETTERED);

    /** The response for what is known of an action. */
    public static ActionResponse of(ActionView view) {
        ActionState state = view.state();
        boolean ok = state == null || !NOT_OK.contains(state);
        ActionDetails details = ActionDetails.of(view);
        return new ActionResponse(ok, ok ? details.withoutError() : details);
    }

    /** The response to a plan accepted without waiting: only its id and intent are known. */
    public static ActionResponse accepted(String actionId, String intent, String sessionId, boolean dryRun,
                                          Instant receivedAt) {
        return new ActionResponse(true, new ActionDetails(actionId, intent, ActionState.PLANNED.wire(), null, false, null,
                null, null, null, null, sessionId, null, dryRun, null, null, receivedAt));
    }
}
