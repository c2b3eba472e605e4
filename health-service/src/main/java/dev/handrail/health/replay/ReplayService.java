package dev.handrail.health.replay;

import dev.handrail.contracts.action.ActionIds;
import dev.handrail.contracts.action.ActionState;
import dev.handrail.contracts.action.ActionView;
import dev.handrail.contracts.capability.SensitiveParams;
import dev.handrail.contracts.error.ErrorCode;
import dev.handrail.contracts.message.PlanCommand;
import dev.handrail.health.deadletter.ActionLookup;
import dev.handrail.health.deadletter.ActionLookupException;
import dev.handrail.health.deadletter.DeadLetter;
import dev.handrail.health.deadletter.DeadLetterStore;
import dev.handrail.health.deadletter.OriginalRequest;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Replays a dead letter as a new attempt that goes through policy like any plan (validation,
 * the decision, approval if policy asks for it): a new {@code PlanCommand} with a new action id,
 * the original intent, parameters, node and session, the operator as principal, metadata naming
 * the dead letter and the original action, and the idempotency key {@code replay:<dead letter>}.
 * The new action's id is recorded on the dead letter before the plan is sent, and a repeated
 * request sends the same plan again (same action id, principal and key), so however often it is
 * asked, one dead letter makes at most one new action: JetStream drops a repeat within its
 * duplicate window, and policy's stored plan and idempotency key absorb one after it. Stateless;
 * blocking.
 */
@Singleton
public final class ReplayService {

    /** Idempotency key prefix of replay plans. */
    public static final String KEY_PREFIX = "replay:";

    private static final Logger LOG = LoggerFactory.getLogger(ReplayService.class);

    private final DeadLetterStore store;
    private final ActionLookup lookup;
    private final ReplayPublisher publisher;
    private final ActionWatch watch;
    private final ReplayConfig config;
    private final Clock clock;

    public ReplayService(
            DeadLetterStore store,
            ActionLookup lookup,
            ReplayPublisher publisher,
            ActionWatch watch,
            ReplayConfig config,
            Clock clock) {
        this.store = store;
        this.lookup = lookup;
        this.publisher = publisher;
        this.watch = watch;
        this.config = config;
        this.clock = clock;
    }

    /**
     * Replays the dead letter for {@code principal}; empty when there is no such dead letter.
     *
     * @throws NotReplayableException when what the action asked for is not known, or its sensitive inputs are gone
     * @throws ActionLookupException  when the audit store had to be asked and did not answer
     */
    public Optional<ReplayOutcome> replay(String deadLetterId, String principal) {
        Optional<DeadLetter> found = store.find(deadLetterId);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        DeadLetter letter = found.get();
        OriginalRequest request = requestOf(letter);
        String candidate = ActionIds.next();
        DeadLetter claimed = store.claimReplay(deadLetterId, candidate, principal, clock.instant())
                .orElseThrow(() ->
                        new NotReplayableException("Dead letter " + deadLetterId + " vanished while replaying it"));
        boolean repeated = !candidate.equals(claimed.replayActionId());
        PlanCommand plan = plan(claimed, request);
        String state;
        try (ActionWatch.Watch following = watch.watch(plan.actionId())) {
            publisher.publish(plan, deadLetterId).toCompletableFuture().join();
            Optional<ActionView> seen = following.await(repeated ? Duration.ZERO : config.getWait());
            state = seen.filter(ActionView::isSettled)
                    .or(() -> lookupQuietly(plan.actionId()))
                    .or(() -> seen)
                    .map(view -> view.state().wire())
                    .orElse(ActionState.PLANNED.wire());
        }
        if (repeated) {
            LOG.info(
                    "Dead letter {} was already replayed as {}; sent the same plan again",
                    deadLetterId,
                    plan.actionId());
        } else {
            LOG.info(
                    "Dead letter {} (action {}) replayed by {} as action {}: {}",
                    deadLetterId,
                    letter.actionId(),
                    principal,
                    plan.actionId(),
                    state);
        }
        return Optional.of(new ReplayOutcome(
                deadLetterId,
                letter.actionId(),
                plan.actionId(),
                state,
                claimed.replayedAt(),
                claimed.replayedBy(),
                repeated));
    }

    private OriginalRequest requestOf(DeadLetter letter) {
        if (letter.request() != null) {
            return withInputs(letter, letter.request());
        }
        OriginalRequest request = lookup.find(letter.actionId())
                .map(OriginalRequest::of)
                .filter(r -> r.intent() != null)
                .orElseThrow(() -> new NotReplayableException("What action " + letter.actionId()
                        + " asked for is not known, so dead letter " + letter.id() + " cannot be replayed"));
        withInputs(letter, request);
        store.saveRequest(letter.id(), request);
        return request;
    }

    /**
     * The request, if it still holds its values: sensitive inputs (typed text, clipboard text, file
     * content) are kept only as digests once the action has ended, so such an action cannot be
     * planned again from its dead letter.
     */
    private static OriginalRequest withInputs(DeadLetter letter, OriginalRequest request) {
        if (lacksInputs(request)) {
            throw new NotReplayableException(
                    ErrorCode.SENSITIVE_INPUTS_GONE,
                    "Action " + letter.actionId()
                            + " carried " + String.join(", ", SensitiveParams.of(request.intent())) + " of "
                            + request.intent()
                            + ", which Handrail keeps only as a digest once the action has ended, so dead letter "
                            + letter.id()
                            + " cannot be replayed; plan the action again with its values instead");
        }
        return request;
    }

    /** Whether a sensitive input of the request is a digest rather than its value. */
    static boolean lacksInputs(OriginalRequest request) {
        return SensitiveParams.holdsDigest(request.intent(), request.params());
    }

    private static PlanCommand plan(DeadLetter claimed, OriginalRequest request) {
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("replay_of", claimed.id());
        metadata.put("original_action_id", claimed.actionId());
        return new PlanCommand(
                claimed.replayActionId(),
                request.intent(),
                request.params(),
                request.sessionId(),
                claimed.replayedBy(),
                KEY_PREFIX + claimed.id(),
                false,
                request.timeoutMs(),
                request.maxRetries(),
                metadata,
                request.node(),
                claimed.replayedAt());
    }

    private Optional<ActionView> lookupQuietly(String actionId) {
        try {
            return lookup.find(actionId).filter(view -> view.state() != null);
        } catch (ActionLookupException e) {
            return Optional.empty();
        }
    }
}
