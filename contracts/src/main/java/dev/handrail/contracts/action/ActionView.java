package dev.handrail.contracts.action;

import com.fasterxml.jackson.annotation.JsonCreator;
import dev.handrail.contracts.capability.RiskLevel;
import dev.handrail.contracts.error.ErrorCode;
import dev.handrail.contracts.message.ActionApproved;
import dev.handrail.contracts.message.ActionCancelled;
import dev.handrail.contracts.message.ActionDeadLettered;
import dev.handrail.contracts.message.ActionDenied;
import dev.handrail.contracts.message.ActionEvent;
import dev.handrail.contracts.message.ActionFailed;
import dev.handrail.contracts.message.ActionPlanned;
import dev.handrail.contracts.message.ActionRejected;
import dev.handrail.contracts.message.ActionSucceeded;
import dev.handrail.contracts.message.ActionValidated;
import dev.handrail.contracts.message.ApprovalExpired;
import dev.handrail.contracts.message.ApprovalRequested;
import dev.handrail.contracts.message.ExecutionStarted;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What an action's events say about it, folded in order: the projection the audit service
 * keeps and the gateway answers with. {@code transitions} holds when each state was entered;
 * {@code metadata} is the plan's (a definition run records its definition and version there).
 * Immutable; {@link #apply} returns a new view.
 */
public record ActionView(
        String actionId,
        @Nullable String intent,
        @Nullable ActionState state,
        @Nullable RiskLevel riskLevel,
        boolean requiresConfirmation,
        Map<String, Object> params,
        @Nullable String sessionId,
        @Nullable String principal,
        @Nullable String node,
        boolean dryRun,
        @Nullable String idempotencyKey,
        @Nullable Validation validation,
        @Nullable Decision decision,
        @Nullable Execution execution,
        @Nullable ApiError error,
        @Nullable String decidedBy,
        @Nullable Instant expiresAt,
        @Nullable Instant receivedAt,
        Map<ActionState, Instant> transitions,
        Map<String, Object> metadata,
        @Nullable String traceId) {

    @JsonCreator
    public ActionView {
        params = params == null ? Map.of() : params;
        transitions = transitions == null ? Map.of() : Map.copyOf(transitions);
        metadata = metadata == null ? Map.of() : metadata;
    }

    /** A view without a trace id (one stored before views kept it, or an action planned while nothing traced). */
    public ActionView(
            String actionId,
            @Nullable String intent,
            @Nullable ActionState state,
            @Nullable RiskLevel riskLevel,
            boolean requiresConfirmation,
            Map<String, Object> params,
            @Nullable String sessionId,
            @Nullable String principal,
            @Nullable String node,
            boolean dryRun,
            @Nullable String idempotencyKey,
            @Nullable Validation validation,
            @Nullable Decision decision,
            @Nullable Execution execution,
            @Nullable ApiError error,
            @Nullable String decidedBy,
            @Nullable Instant expiresAt,
            @Nullable Instant receivedAt,
            Map<ActionState, Instant> transitions,
            Map<String, Object> metadata) {
        this(
                actionId,
                intent,
                state,
                riskLevel,
                requiresConfirmation,
                params,
                sessionId,
                principal,
                node,
                dryRun,
                idempotencyKey,
                validation,
                decision,
                execution,
                error,
                decidedBy,
                expiresAt,
                receivedAt,
                transitions,
                metadata,
                null);
    }

    /**
     * This view with the id of the trace the action runs in (32 hex digits), when it has none yet:
     * the first event that names a trace gives the action its trace.
     */
    public ActionView withTraceId(@Nullable String id) {
        if (id == null || traceId != null) {
            return this;
        }
        Draft d = new Draft(this);
        d.traceId = id;
        return d.build();
    }

    /** A view without metadata (one stored before views kept it, or a plan that sent none). */
    public ActionView(
            String actionId,
            @Nullable String intent,
            @Nullable ActionState state,
            @Nullable RiskLevel riskLevel,
            boolean requiresConfirmation,
            Map<String, Object> params,
            @Nullable String sessionId,
            @Nullable String principal,
            @Nullable String node,
            boolean dryRun,
            @Nullable String idempotencyKey,
            @Nullable Validation validation,
            @Nullable Decision decision,
            @Nullable Execution execution,
            @Nullable ApiError error,
            @Nullable String decidedBy,
            @Nullable Instant expiresAt,
            @Nullable Instant receivedAt,
            Map<ActionState, Instant> transitions) {
        this(
                actionId,
                intent,
                state,
                riskLevel,
                requiresConfirmation,
                params,
                sessionId,
                principal,
                node,
                dryRun,
                idempotencyKey,
                validation,
                decision,
                execution,
                error,
                decidedBy,
                expiresAt,
                receivedAt,
                transitions,
                Map.of());
    }

    /** A view of an action nothing is known about yet but its id. */
    public static ActionView empty(String actionId) {
        return new ActionView(
                actionId, null, null, null, false, Map.of(), null, null, null, false, null, null, null, null, null,
                null, null, null, Map.of());
    }

    /**
     * Applies one event. An event that the state machine does not allow from the current state
     * (a redelivery, or an event older than the view) leaves the view as it was, so folding is
     * safe under at-least-once delivery.
     */
    public ActionView apply(ActionEvent event, Instant at) {
        if (state != null && !state.canMoveTo(event.state())) {
            return this;
        }
        if (fromAnotherNode(event)) {
            return this;
        }
        Draft d = new Draft(this);
        d.intent = event.intent();
        d.state = event.state();
        d.transitions.put(event.state(), at);
        switch (event) {
            case ActionPlanned p -> {
                d.riskLevel = p.riskLevel();
                d.requiresConfirmation = p.requiresConfirmation();
                d.params = p.params();
                d.sessionId = p.sessionId();
                d.principal = p.principal();
                d.node = p.node();
                d.dryRun = p.dryRun();
                d.idempotencyKey = p.idempotencyKey();
                d.receivedAt = p.receivedAt();
                d.metadata = p.metadata();
            }
            case ActionValidated v -> d.validation = v.validation();
            case ActionRejected r -> {
                d.validation = r.validation();
                d.error = r.error();
            }
            case ApprovalRequested a -> {
                d.decision = a.decision();
                d.expiresAt = a.expiresAt();
            }
            case ActionApproved a -> {
                d.decision = a.decision();
                d.decidedBy = a.approvedBy();
            }
            case ActionDenied a -> {
                d.decision = a.decision();
                d.decidedBy = a.deniedBy();
            }
            case ApprovalExpired e ->
                d.error = ApiError.of(ErrorCode.APPROVAL_EXPIRED, "The approval lapsed before anyone decided.");
            case ActionCancelled c -> {
                d.decidedBy = c.cancelledBy();
                d.error = ApiError.of(
                        ErrorCode.CANCELLED,
                        "Withdrawn by " + c.cancelledBy() + " while it waited for approval"
                                + (c.reason() == null || c.reason().isBlank() ? "" : ": " + c.reason()));
            }
            case ExecutionStarted s -> d.node = s.node();
            case ActionSucceeded s -> d.execution = s.execution();
            case ActionFailed f -> {
                d.execution = f.execution();
                d.error = new ApiError(f.execution().errorCode(), f.execution().errorMessage());
            }
            case ActionDeadLettered x -> {}
            default -> {}
        }
        return d.build();
    }

    /**
     * This view with what {@code newer} (folded from later events only) says on top: its state,
     * decision, execution and the like win where it knows them, transitions are merged. Lets a
     * reader that saw only the later events complete a view read earlier, however stale.
     */
    public ActionView overlay(ActionView newer) {
        Map<ActionState, Instant> merged = new LinkedHashMap<>(transitions);
        merged.putAll(newer.transitions);
        return new ActionView(
                actionId,
                or(newer.intent, intent),
                or(newer.state, state),
                or(newer.riskLevel, riskLevel),
                requiresConfirmation || newer.requiresConfirmation,
                newer.params.isEmpty() ? params : newer.params,
                or(newer.sessionId, sessionId),
                or(newer.principal, principal),
                or(newer.node, node),
                dryRun || newer.dryRun,
                or(newer.idempotencyKey, idempotencyKey),
                or(newer.validation, validation),
                or(newer.decision, decision),
                or(newer.execution, execution),
                or(newer.error, error),
                or(newer.decidedBy, decidedBy),
                or(newer.expiresAt, expiresAt),
                or(newer.receivedAt, receivedAt),
                merged,
                newer.metadata.isEmpty() ? metadata : newer.metadata,
                or(traceId, newer.traceId));
    }

    private static <T> @Nullable T or(@Nullable T preferred, @Nullable T fallback) {
        return preferred != null ? preferred : fallback;
    }

    /**
     * An execution event from a node other than the one the action was planned for: no node may
     * report another node's work, so such an event is not folded.
     */
    private boolean fromAnotherNode(ActionEvent event) {
        String reporter = switch (event) {
            case ExecutionStarted s -> s.node();
            case ActionSucceeded s -> s.node();
            case ActionFailed f -> f.node();
            default -> null;
        };
        return node != null && reporter != null && !node.equals(reporter);
    }

    /** Whether a client waiting on the plan or approve call has its answer in this view. */
    public boolean isSettled() {
        if (state == null) {
            return false;
        }
        return switch (state) {
            case PLANNED, APPROVED, EXECUTING -> false;
            case VALIDATED -> dryRun;
            default -> true;
        };
    }

    /** Whether nothing more will happen to the action: settled, and not waiting for a person. */
    public boolean isFinal() {
        return isSettled() && state != ActionState.PENDING_APPROVAL;
    }

    /** Mutable copy used only inside {@link #apply}. */
    private static final class Draft {
        private final String actionId;
        private @Nullable String intent;
        private @Nullable ActionState state;
        private @Nullable RiskLevel riskLevel;
        private boolean requiresConfirmation;
        private Map<String, Object> params;
        private @Nullable String sessionId;
        private @Nullable String principal;
        private @Nullable String node;
        private boolean dryRun;
        private @Nullable String idempotencyKey;
        private @Nullable Validation validation;
        private @Nullable Decision decision;
        private @Nullable Execution execution;
        private @Nullable ApiError error;
        private @Nullable String decidedBy;
        private @Nullable Instant expiresAt;
        private @Nullable Instant receivedAt;
        private final Map<ActionState, Instant> transitions;
        private Map<String, Object> metadata;
        private @Nullable String traceId;

        Draft(ActionView v) {
            actionId = v.actionId;
            intent = v.intent;
            state = v.state;
            riskLevel = v.riskLevel;
            requiresConfirmation = v.requiresConfirmation;
            params = v.params;
            sessionId = v.sessionId;
            principal = v.principal;
            node = v.node;
            dryRun = v.dryRun;
            idempotencyKey = v.idempotencyKey;
            validation = v.validation;
            decision = v.decision;
            execution = v.execution;
            error = v.error;
            decidedBy = v.decidedBy;
            expiresAt = v.expiresAt;
            receivedAt = v.receivedAt;
            transitions = new LinkedHashMap<>(v.transitions);
            metadata = v.metadata;
            traceId = v.traceId;
        }

        ActionView build() {
            return new ActionView(
                    actionId,
                    intent,
                    state,
                    riskLevel,
                    requiresConfirmation,
                    params,
                    sessionId,
                    principal,
                    node,
                    dryRun,
                    idempotencyKey,
                    validation,
                    decision,
                    execution,
                    error,
                    decidedBy,
                    expiresAt,
                    receivedAt,
                    transitions,
                    metadata,
                    traceId);
        }
    }
}
