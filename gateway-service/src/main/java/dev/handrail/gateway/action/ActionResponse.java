package dev.handrail.gateway.action;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import dev.handrail.contracts.action.ActionState;
import dev.handrail.contracts.action.ActionView;
import dev.handrail.contracts.action.ApiError;
import dev.handrail.contracts.error.ErrorCode;
import java.time.Instant;
import java.util.Map;
import java.util.Set;

/**
 * The answer to a plan or a decision, and an entry of an action list, with the Stage 5 field
 * names: {@code ok} says whether the action went well (false once it was rejected, denied,
 * expired, failed or dead-lettered), the action's fields follow flat, {@code error} only when
 * {@code ok} is false (a denial's error names the decision's reasons).
 */
public record ActionResponse(boolean ok, @JsonUnwrapped ActionDetails action) {

    private static final Set<ActionState> NOT_OK = Set.of(
            ActionState.REJECTED,
            ActionState.DENIED,
            ActionState.EXPIRED,
            ActionState.CANCELLED,
            ActionState.FAILED,
            ActionState.DEAD_LETTERED);

    /** The response for what is known of an action. */
    public static ActionResponse of(ActionView view) {
        ActionState state = view.state();
        boolean ok = state == null || !NOT_OK.contains(state);
        ActionDetails details = ActionDetails.of(view);
        if (ok) {
            return new ActionResponse(true, details.withoutError());
        }
        return new ActionResponse(false, state == ActionState.DENIED ? details.withErrorIfNone(denial(view)) : details);
    }

    private static ApiError denial(ActionView view) {
        String reasons = view.decision() == null || view.decision().reasons().isEmpty()
                ? "no reason given"
                : String.join(", ", view.decision().reasons());
        return ApiError.of(
                ErrorCode.DENIED,
                "The action was denied" + (view.decidedBy() == null ? "" : " by " + view.decidedBy()) + " (" + reasons
                        + ")");
    }

    /** The response to a plan accepted without waiting: only its id and intent are known. */
    public static ActionResponse accepted(
            String actionId, String intent, String sessionId, boolean dryRun, Instant receivedAt) {
        return new ActionResponse(
                true,
                new ActionDetails(
                        actionId,
                        intent,
                        ActionState.PLANNED.wire(),
                        null,
                        false,
                        null,
                        null,
                        null,
                        null,
                        null,
                        sessionId,
                        null,
                        dryRun,
                        null,
                        null,
                        receivedAt,
                        Map.of(),
                        null));
    }
}
