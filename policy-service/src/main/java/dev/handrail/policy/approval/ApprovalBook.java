package dev.handrail.policy.approval;

import dev.handrail.contracts.action.ActionIds;
import dev.handrail.contracts.error.ErrorCode;
import dev.handrail.contracts.policy.ApprovalHold;
import dev.handrail.contracts.query.ListQuery;
import dev.handrail.contracts.query.Reply;
import dev.handrail.policy.action.PolicyAction;
import dev.handrail.policy.action.PolicyActionState;
import dev.handrail.policy.action.PolicyActionStore;
import dev.handrail.policy.jdbc.Database;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The approvals API's reads and holds. A hold keeps an approval pending and records who holds
 * it and why, so other operators see someone is on it; it does not stop or extend its expiry
 * (an approval's lifetime is a safety bound, not a queue position). Holding a lapsed approval
 * expires it, as a decision would. Stateless and thread-safe.
 */
@Singleton
public class ApprovalBook {

    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 500;
    private static final Set<String> STATES = Set.of("pending", "approved", "denied", "expired", "cancelled");

    private final Database database;
    private final PolicyActionStore actions;
    private final ApprovalHistory history;
    private final ExpiryPublisher expiries;
    private final Clock clock;

    public ApprovalBook(
            Database database,
            PolicyActionStore actions,
            ApprovalHistory history,
            ExpiryPublisher expiries,
            Clock clock) {
        this.database = database;
        this.actions = actions;
        this.history = history;
        this.expiries = expiries;
        this.clock = clock;
    }

    /** Approvals, newest first, narrowed by the {@code state} filter (pending, approved, denied, expired, cancelled). */
    public Reply list(ListQuery query) {
        String state = query.filters().get("state");
        if (state != null && !STATES.contains(state)) {
            return Reply.error(
                    ErrorCode.VALIDATION_FAILED, "state must be one of pending, approved, denied, expired, cancelled");
        }
        int limit = query.limit() <= 0 ? DEFAULT_LIMIT : Math.min(query.limit(), MAX_LIMIT);
        List<ApprovalView> approvals =
                actions.approvals(state == null ? null : PolicyActionState.fromWire(state), limit).stream()
                        .map(a -> view(a, null))
                        .toList();
        return Reply.ok(Map.of("approvals", approvals, "count", approvals.size()));
    }

    /**
     * One approval with its history and, while it is pending, the sensitive inputs the operator is
     * asked to approve (the approvals API is for operators only).
     */
    public Reply get(String actionId) {
        return approval(actionId)
                .<Reply>map(a ->
                        Reply.ok(view(a, a.state() == PolicyActionState.PENDING ? actions.inputs(a.actionId()) : null)))
                .orElseGet(() -> notFound(actionId));
    }

    /** Puts a pending approval on hold. */
    public Reply hold(ApprovalHold hold) {
        if (approval(hold.actionId()).isEmpty()) {
            return notFound(hold.actionId());
        }
        Instant now = clock.instant();
        Optional<Reply> refused = database.inTransaction(c -> {
            PolicyAction action = actions.lock(c, hold.actionId()).orElseThrow();
            if (action.state() != PolicyActionState.PENDING) {
                return Optional.of(Reply.error(
                        ErrorCode.NOT_PENDING,
                        "Action " + action.actionId() + " is " + action.state().wire() + ", not pending approval"));
            }
            if (action.lapsedAt(now)) {
                actions.leavePending(c, action.moveTo(PolicyActionState.EXPIRED, null, now, null));
                history.record(c, action.actionId(), new ApprovalEntry(ApprovalEntry.EXPIRE, null, now, null));
                expiries.publish(List.of(new ExpiryPublisher.Expiry(
                        ApprovalRules.expired(action), action.principal(), action.sessionId())));
                return Optional.of(Reply.error(
                        ErrorCode.APPROVAL_EXPIRED,
                        "The approval of action " + action.actionId() + " expired at " + action.expiresAt()));
            }
            history.record(
                    c, action.actionId(), new ApprovalEntry(ApprovalEntry.HOLD, hold.heldBy(), now, hold.comment()));
            return Optional.empty();
        });
        return refused.orElseGet(() -> get(hold.actionId()));
    }

    private Optional<PolicyAction> approval(String actionId) {
        if (!ActionIds.isValid(actionId)) {
            return Optional.empty();
        }
        return actions.find(actionId).filter(a -> a.expiresAt() != null);
    }

    private ApprovalView view(PolicyAction action, Map<String, Object> pendingInputs) {
        return ApprovalView.of(
                action,
                pendingInputs,
                actions.createdAt(action.actionId()).orElse(null),
                history.of(action.actionId()));
    }

    private static Reply notFound(String actionId) {
        return Reply.error(ErrorCode.NOT_FOUND, "No approval for action " + actionId);
    }
}
