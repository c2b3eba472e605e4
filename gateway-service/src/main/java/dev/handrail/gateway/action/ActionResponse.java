package dev.handrail.gateway.action;

import dev.handrail.contracts.action.ActionState;
import dev.handrail.contracts.action.ActionView;
import dev.handrail.contracts.action.ApiError;
import dev.handrail.contracts.action.Decision;
import dev.handrail.contracts.action.Execution;
import dev.handrail.contracts.action.Validation;
import java.time.Instant;
import java.util.Set;

/**
 * The action envelope of the HTTP API, with the Stage 5 field names: {@code ok}, the action's
 * state, its validation, decision and execution, telemetry, and {@code error} when it did not
 * go well. Fields after {@code error} are additions Stage 5 clients may ignore.
 */
public record ActionResponse(
        boolean ok,
        String actionId,
        String intent,
        String state,
        String riskLevel,
        boolean requiresConfirmation,
        Validation validation,
        Execution execution,
        Decision decision,
        Telemetry telemetry,
        ApiError error,
        String sessionId,
        String node,
        boolean dryRun,
        String decidedBy,
        Instant expiresAt,
        Instant createdAt) {

    private static final Set<ActionState> NOT_OK = Set.of(ActionState.REJECTED, ActionState.FAILED,
            ActionState.DEAD_LETTERED);

    /** The response for what is known of an action. */
    public static ActionResponse of(ActionView view) {
        ActionState state = view.state();
        boolean ok = state == null || !NOT_OK.contains(state);
        return new ActionResponse(ok, view.actionId(), view.intent(), state == null ? null : state.wire(),
                view.riskLevel() == null ? null : view.riskLevel().wire(), view.requiresConfirmation(),
                view.validation(), view.execution(), view.decision(), Telemetry.of(view), ok ? null : view.error(),
                view.sessionId(), view.node(), view.dryRun(), view.decidedBy(), view.expiresAt(), view.receivedAt());
    }

    /** The response to a plan accepted without waiting: only its id and intent are known. */
    public static ActionResponse accepted(String actionId, String intent, String sessionId, boolean dryRun,
                                          Instant receivedAt) {
        return new ActionResponse(true, actionId, intent, ActionState.PLANNED.wire(), null, false, null, null, null,
                null, null, sessionId, null, dryRun, null, null, receivedAt);
    }
}
