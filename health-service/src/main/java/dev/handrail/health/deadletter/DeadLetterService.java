package dev.handrail.health.deadletter;

import static dev.handrail.contracts.error.ErrorCode.MAX_DELIVERIES;

import dev.handrail.contracts.Subjects;
import dev.handrail.contracts.action.ActionIds;
import dev.handrail.contracts.action.Execution;
import dev.handrail.contracts.capability.SensitiveParams;
import dev.handrail.contracts.json.Json;
import dev.handrail.contracts.message.ActionDeadLettered;
import dev.handrail.contracts.message.ActionFailed;
import dev.handrail.contracts.message.Command;
import dev.handrail.contracts.message.Envelope;
import dev.handrail.contracts.message.ExecuteCommand;
import dev.handrail.contracts.message.PlanCommand;
import dev.handrail.health.failure.FailureClass;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns failed actions, and commands JetStream gave up on, into dead letters and announces each
 * one. Idempotent: a redelivered or republished failure finds the dead letter already stored and
 * announces the same one again (same derived event id, so the feed drops the repeat). Stateless;
 * blocking (call it off the NATS threads).
 */
@Singleton
public final class DeadLetterService {

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterService.class);

    private final DeadLetterStore store;
    private final DeadLetterPublisher publisher;
    private final ActionLookup lookup;
    private final Clock clock;

    public DeadLetterService(DeadLetterStore store, DeadLetterPublisher publisher, ActionLookup lookup, Clock clock) {
        this.store = store;
        this.publisher = publisher;
        this.lookup = lookup;
        this.clock = clock;
    }

    /**
     * Stores the failure as a dead letter (once per action), with the request to replay when the
     * audit store can tell it, and publishes {@code dead_lettered}.
     */
    public CompletionStage<DeadLetter> deadLetter(Envelope original, ActionFailed failed) {
        Optional<DeadLetter> known = store.findByActionId(failed.actionId());
        DeadLetter stored =
                known.orElseGet(() -> insert(fromFailure(original, failed, lookupQuietly(failed.actionId()))));
        return announce(original, stored);
    }

    /**
     * Stores a command JetStream stopped delivering after {@code deliveries} attempts as a dead
     * letter of failure class {@code max_deliveries}, with the command as its original (its sensitive
     * inputs as digests: the dead letter outlives the action, the values must not). An execute
     * command's action is failed first ({@code failed}, then {@code dead_lettered}); a plan or a
     * decision has no action state to move, so it is only kept. Empty when the message is not a
     * command of an action.
     */
    public CompletionStage<Optional<DeadLetter>> deadLetterCommand(
            Envelope commandEnvelope, String consumer, long deliveries) {
        if (!(commandEnvelope.message() instanceof Command command)) {
            return CompletableFuture.completedFuture(Optional.empty());
        }
        String message = "JetStream stopped delivering " + commandEnvelope.type() + " to consumer " + consumer
                + " after " + deliveries + " deliveries";
        OriginalRequest request = switch (command) {
            case ExecuteCommand e -> OriginalRequest.of(e);
            case PlanCommand p -> OriginalRequest.of(p);
            default -> lookupQuietly(command.actionId());
        };
        DeadLetter stored = store.findByActionId(command.actionId())
                .orElseGet(() -> insert(new DeadLetter(
                        ActionIds.next(),
                        command.actionId(),
                        request == null ? Subjects.UNKNOWN_CAPABILITY : request.intent(),
                        request == null ? null : request.node(),
                        MAX_DELIVERIES.code(),
                        message,
                        FailureClass.MAX_DELIVERIES,
                        (int) Math.min(Integer.MAX_VALUE, deliveries),
                        clock.instant(),
                        null,
                        null,
                        null,
                        request,
                        Json.mapper()
                                .valueToTree(
                                        commandEnvelope.withData(SensitiveParams.atRest(commandEnvelope.data()))))));
        if (!(command instanceof ExecuteCommand execute)) {
            return CompletableFuture.completedFuture(Optional.of(stored));
        }
        ActionFailed failed = new ActionFailed(
                execute.actionId(), execute.intent(), execute.node(), Execution.failed(MAX_DELIVERIES, message, 0, (int)
                        Math.max(0, deliveries - 1)));
        return publisher
                .publish(commandEnvelope, failed)
                .thenCompose(ack -> announce(commandEnvelope, stored))
                .thenApply(Optional::of);
    }

    /** One dead letter by id. */
    public Optional<DeadLetter> find(String id) {
        return store.find(id);
    }

    /** A page of dead letters, newest first. */
    public DeadLetterPage list(DeadLetterFilter filter) {
        return store.list(filter);
    }

    private DeadLetter insert(DeadLetter candidate) {
        DeadLetter stored = store.insertIfAbsent(candidate);
        if (stored.id().equals(candidate.id())) {
            LOG.info(
                    "Action {} ({}) dead-lettered as {}: {}",
                    stored.actionId(),
                    stored.intent(),
                    stored.id(),
                    stored.errorCode());
        } else {
            LOG.debug("Action {} already dead-lettered as {}", stored.actionId(), stored.id());
        }
        return stored;
    }

    private CompletionStage<DeadLetter> announce(Envelope cause, DeadLetter stored) {
        ActionDeadLettered event =
                new ActionDeadLettered(stored.actionId(), stored.intent(), stored.id(), stored.errorCode());
        return publisher.publish(cause, event).thenApply(ack -> stored);
    }

    private OriginalRequest lookupQuietly(String actionId) {
        try {
            return lookup.find(actionId).map(OriginalRequest::of).orElse(null);
        } catch (ActionLookupException e) {
            LOG.info(
                    "The request of action {} is not known yet ({}); a replay will ask again",
                    actionId,
                    e.getMessage());
            return null;
        }
    }

    private DeadLetter fromFailure(Envelope original, ActionFailed failed, OriginalRequest request) {
        Execution execution = failed.execution();
        String errorCode = execution == null ? null : execution.errorCode();
        String errorMessage = execution == null ? null : execution.errorMessage();
        int attempts = execution == null ? 1 : execution.retriesUsed() + 1;
        return new DeadLetter(
                ActionIds.next(),
                failed.actionId(),
                failed.intent(),
                failed.node(),
                errorCode,
                errorMessage,
                FailureClass.of(errorCode),
                attempts,
                clock.instant(),
                null,
                null,
                null,
                request,
                Json.mapper().valueToTree(original));
    }
}
