package dev.handrail.gateway.action;

import dev.handrail.bus.tracing.Tracing;
import dev.handrail.contracts.action.ActionState;
import dev.handrail.contracts.action.ActionView;
import dev.handrail.contracts.message.ActionApproved;
import dev.handrail.contracts.message.ActionCancelled;
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
        return register(new Wait(ActionView.empty(actionId), commandId, Until.SETTLED), timeout);
    }

    /**
     * Waits for a decision sent as {@code commandId}: ends with a refusal answering that command,
     * or once the decision it caused has led the action to a final state. The answer is
     * {@code known} (what was read of the action before the decision was sent, possibly stale)
     * overlaid with the events seen since.
     */
    public CompletableFuture<Outcome> awaitDecision(ActionView known, String commandId, Duration timeout) {
        return register(new Wait(known, commandId, Until.DECIDED), timeout);
    }

    /**
     * Starts waiting for an action to move on from the state a read is about to find it in.
     * Register before reading, then hand the read to {@link Change#from}: no event can fall
     * between the two.
     */
    public Change awaitChange(String actionId, Duration timeout) {
        Wait wait = new Wait(ActionView.empty(actionId), null, Until.CHANGED);
        return new Change(wait, register(wait, timeout));
    }

    /** A wait for an action's next state; see {@link #awaitChange}. */
    public static final class Change {
        private final Wait wait;
        private final CompletableFuture<Outcome> result;

        private Change(Wait wait, CompletableFuture<Outcome> result) {
            this.wait = wait;
            this.result = result;
        }

        /**
         * The action once its state has moved on from {@code current}'s ({@code current} with the
         * events since on top), or at the timeout as it then stands ({@code timedOut}).
         */
        public CompletableFuture<Outcome.Settled> from(ActionView current) {
            wait.baseline(current);
            return result.thenApply(Outcome.Settled.class::cast);
        }

        /** Stops waiting (the read failed, or found nothing left to wait for). */
        public void abandon() {
            wait.result.complete(null);
        }
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

    /** What ends a wait (besides a refusal or dedup notice answering its command). */
    private enum Until {
        /** The plan's view is settled. */
        SETTLED,
        /** The wait's own decision has led to a final state. */
        DECIDED,
        /** The state has moved on from the baseline's. */
        CHANGED
    }

    /** One held request. */
    private static final class Wait {
        private final String actionId;
        private final String commandId;
        private final Until until;
        private ActionView known;
        private final CompletableFuture<Outcome> result = new CompletableFuture<>();
        private ActionView view;
        private boolean ownDecisionSeen;
        private boolean baselineSet;

        Wait(ActionView known, String commandId, Until until) {
            this.actionId = known.actionId();
            this.commandId = commandId;
            this.until = until;
            this.known = known;
            this.view = ActionView.empty(actionId);
        }

        synchronized void accept(Envelope envelope, Message message) {
            boolean answersCommand = commandId != null && commandId.equals(envelope.causationid());
            switch (message) {
                case PlanDeduplicated d
                when answersCommand -> result.complete(new Outcome.Deduplicated(d.duplicateOf()));
                case DecisionRefused r
                when answersCommand -> result.complete(new Outcome.Refused(r.code(), r.message()));
                case PlanRefused r when answersCommand -> result.complete(new Outcome.Refused(r.code(), r.message()));
                case ActionEvent event -> fold(envelope, event, answersCommand);
                default -> {}
            }
        }

        /** The view a read found after this wait was registered; the wait ends once the state moves on from it. */
        synchronized void baseline(ActionView current) {
            known = current;
            baselineSet = true;
            check();
        }

        private void fold(Envelope envelope, ActionEvent event, boolean answersCommand) {
            view = view.apply(event, envelope.time()).withTraceId(Tracing.traceId(envelope.traceparent()));
            if ((event instanceof ActionApproved || event instanceof ActionDenied || event instanceof ActionCancelled)
                    && answersCommand) {
                ownDecisionSeen = true;
            }
            check();
        }

        private void check() {
            boolean done = switch (until) {
                case SETTLED -> view.isSettled();
                case DECIDED -> ownDecisionSeen && isFinal(view.state());
                case CHANGED -> baselineSet && movedOn(known.state(), view.state());
            };
            if (done) {
                result.complete(new Outcome.Settled(answer(), false));
            }
        }

        /** Whether the events seen lead past the baseline's state (events already in the read do not count). */
        private static boolean movedOn(ActionState from, ActionState to) {
            return to != null && to != from && (from == null || to.follows(from));
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
