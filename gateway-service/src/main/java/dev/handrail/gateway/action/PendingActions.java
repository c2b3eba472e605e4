package dev.handrail.gateway.action;

import dev.handrail.contracts.action.ActionState;
import dev.handrail.contracts.action.ActionView;
import dev.handrail.contracts.message.ActionApproved;
import dev.handrail.contracts.message.ActionDenied;
import dev.handrail.contracts.message.ActionEvent;
import dev.handrail.contracts.message.DecisionRefused;
import dev.handrail.contracts.message.Envelope;
import dev.handrail.contracts.message.Message;
import dev.handrail.contracts.message.PlanDeduplicated;
import dev.handrail.contracts.message.PlanRefused;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * The requests this gateway instance is holding open, each waiting for an action to reach an
 * answerable state. Events and notices from the feed are folded into the waits they concern;
 * nothing blocks a thread. Thread-safe: the wait map is concurrent and each wait is updated under
 * its own lock (events for one action arrive in order on one subscription).
 */
@Singleton
public class PendingActions {

    private final Map<String, List<Wait>> byAction = new ConcurrentHashMap<>();

    /** Whether anything waits on this action (lets the feed skip the rest unparsed). */
    public boolean isWaitingFor(String actionId) {
        return actionId != null && byAction.containsKey(actionId);
    }

    /**
     * Waits for a plan to settle: every event from {@code planned} on is folded, and the wait
     * ends when the view is settled or a dedup notice answers {@code commandId}.
     */
    public CompletableFuture<Outcome> awaitPlan(String actionId, String commandId, Duration timeout) {
        return register(new Wait(ActionView.empty(actionId), commandId, false), timeout);
    }

    /**
     * Waits for a decision sent as {@code commandId}: ends with a refusal answering that command,
     * or once the decision it caused has led the action to a final state. The answer is
     * {@code known} (what was read of the action before the decision was sent, possibly stale)
     * overlaid with the events seen since.
     */
    public CompletableFuture<Outcome> awaitDecision(ActionView known, String commandId, Duration timeout) {
        return register(new Wait(known, commandId, true), timeout);
    }

    private CompletableFuture<Outcome> register(Wait wait, Duration timeout) {
        byAction.computeIfAbsent(wait.actionId, id -> new CopyOnWriteArrayList<>())
                .add(wait);
        CompletableFuture<Outcome> result = wait.result
                .completeOnTimeout(null, timeout.toMillis(), TimeUnit.MILLISECONDS)
                .thenApply(outcome -> outcome != null ? outcome : wait.timedOut());
        result.whenComplete((o, e) -> forget(wait));
        return result;
    }

    private void forget(Wait wait) {
        byAction.computeIfPresent(wait.actionId, (id, waits) -> {
            waits.remove(wait);
            return waits.isEmpty() ? null : waits;
        });
    }

    /** Folds one envelope from the feed into the waits on its action. */
    public void accept(Envelope envelope) {
        List<Wait> waits = byAction.get(envelope.subject());
        if (waits == null) {
            return;
        }
        Message message = envelope.message();
        for (Wait wait : waits) {
            wait.accept(envelope, message);
        }
    }

    /** One held request. */
    private static final class Wait {
        private final String actionId;
        private final String commandId;
        private final boolean decision;
        private final ActionView known;
        private final CompletableFuture<Outcome> result = new CompletableFuture<>();
        private ActionView view;
        private boolean ownDecisionSeen;

        Wait(ActionView known, String commandId, boolean decision) {
            this.actionId = known.actionId();
            this.commandId = commandId;
            this.decision = decision;
            this.known = known;
            this.view = ActionView.empty(actionId);
        }

        synchronized void accept(Envelope envelope, Message message) {
            switch (message) {
                case PlanDeduplicated d
                when commandId.equals(envelope.causationid()) ->
                    result.complete(new Outcome.Deduplicated(d.duplicateOf()));
                case DecisionRefused r
                when commandId.equals(envelope.causationid()) ->
                    result.complete(new Outcome.Refused(r.code(), r.message()));
                case PlanRefused r
                when commandId.equals(envelope.causationid()) ->
                    result.complete(new Outcome.Refused(r.code(), r.message()));
                case ActionEvent event -> fold(envelope, event);
                default -> {}
            }
        }

        private void fold(Envelope envelope, ActionEvent event) {
            view = view.apply(event, envelope.time());
            if ((event instanceof ActionApproved || event instanceof ActionDenied)
                    && commandId.equals(envelope.causationid())) {
                ownDecisionSeen = true;
            }
            if (decision ? ownDecisionSeen && isFinal(view.state()) : view.isSettled()) {
                result.complete(new Outcome.Settled(answer(), false));
            }
        }

        synchronized Outcome timedOut() {
            return new Outcome.Settled(answer(), true);
        }

        private ActionView answer() {
            return known.overlay(view);
        }

        private static boolean isFinal(ActionState state) {
            return state != null && (state.isTerminal() || state == ActionState.FAILED);
        }
    }
}
