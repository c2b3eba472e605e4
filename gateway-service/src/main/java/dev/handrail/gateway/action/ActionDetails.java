package dev.handrail.gateway.action;

import dev.handrail.contracts.action.ActionState;
import dev.handrail.contracts.action.ActionView;
import dev.handrail.contracts.action.ApiError;
import dev.handrail.contracts.action.Decision;
import dev.handrail.contracts.action.Execution;
import dev.handrail.contracts.action.Validation;
import java.time.Instant;
import java.util.Map;

/**
 * What the HTTP API shows of one action, with the Stage 5 field names: its state, validation,
 * decision and execution, telemetry, and {@code error} when the action did not go well. Fields
 * after {@code error} are additions Stage 5 clients may ignore ({@code metadata} is the plan's,
 * where a definition run records {@code definition_id} and {@code definition_version};
 * {@code trace_id} is the OpenTelemetry trace the action runs in, when its plan was traced). {@code GET /v1/actions/{id}}
 * answers it as {@code action}; plan and approve answers carry the same fields flat
 * ({@link ActionResponse}).
 */
public record ActionDetails(
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
        Instant createdAt,
        Map<String, Object> metadata,
        String traceId) {

    /** Everything known of an action, its error included. */
    public static ActionDetails of(ActionView view) {
        ActionState state = view.state();
        return new ActionDetails(
                view.actionId(),
                view.intent(),
                state == null ? null : state.wire(),
                view.riskLevel() == null ? null : view.riskLevel().wire(),
                view.requiresConfirmation(),
                view.validation(),
                view.execution(),
                view.decision(),
                Telemetry.of(view),
                view.error(),
                view.sessionId(),
                view.node(),
                view.dryRun(),
                view.decidedBy(),
                view.expiresAt(),
                view.receivedAt(),
                view.metadata(),
                view.traceId());
    }

    /** These details with {@code error} when they carry none. */
    ActionDetails withErrorIfNone(ApiError error) {
        return this.error != null
                ? this
                : new ActionDetails(
                        actionId,
                        intent,
                        state,
                        riskLevel,
                        requiresConfirmation,
                        validation,
                        execution,
                        decision,
                        telemetry,
                        error,
                        sessionId,
                        node,
                        dryRun,
                        decidedBy,
                        expiresAt,
                        createdAt,
                        metadata,
                        traceId);
    }

    ActionDetails withoutError() {
        return new ActionDetails(
                actionId,
                intent,
                state,
                riskLevel,
                requiresConfirmation,
                validation,
                execution,
                decision,
                telemetry,
                null,
                sessionId,
                node,
                dryRun,
                decidedBy,
                expiresAt,
                createdAt,
                metadata,
                traceId);
    }
}
