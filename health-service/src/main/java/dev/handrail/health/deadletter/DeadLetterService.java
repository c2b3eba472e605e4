package dev.handrail.health.deadletter;

import dev.handrail.contracts.action.ActionIds;
import dev.handrail.contracts.action.Execution;
import dev.handrail.contracts.json.Json;
import dev.handrail.contracts.message.ActionDeadLettered;
import dev.handrail.contracts.message.ActionFailed;
import dev.handrail.contracts.message.Envelope;
import dev.handrail.health.failure.FailureClass;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns failed actions into dead letters and announces each one. Idempotent: a redelivered or
 * republished failure finds the dead letter already stored and announces the same one again
 * (same derived event id, so the feed drops the repeat). Stateless; blocking (call it off the
 * NATS threads).
 */
@Singleton
public final class DeadLetterService {

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterService.class);

    private final DeadLetterStore store;
    private final DeadLetterPublisher publisher;
    private final Clock clock;

    public DeadLetterService(DeadLetterStore store, DeadLetterPublisher publisher, Clock clock) {
        this.store = store;
        this.publisher = publisher;
        this.clock = clock;
    }

    /** Stores the failure as a dead letter (once per action) and publishes {@code dead_lettered}. */
    public CompletionStage<DeadLetter> deadLetter(Envelope original, ActionFailed failed) {
        DeadLetter candidate = fromFailure(original, failed);
        DeadLetter stored = store.insertIfAbsent(candidate);
        if (stored.id().equals(candidate.id())) {
            LOG.info("Action {} ({}) dead-lettered as {}: {}", stored.actionId(), stored.intent(), stored.id(),
                    stored.errorCode());
        } else {
            LOG.debug("Action {} already dead-lettered as {}", stored.actionId(), stored.id());
        }
        ActionDeadLettered event = new ActionDeadLettered(stored.actionId(), stored.intent(), stored.id(),
                stored.errorCode());
        return publisher.publish(original, event).thenApply(ack -> stored);
    }

    /** One dead letter by id. */
    public Optional<DeadLetter> find(String id) {
        return store.find(id);
    }

    /** A page of dead letters, newest first. */
    public DeadLetterPage list(DeadLetterFilter filter) {
        return store.list(filter);
    }

    private DeadLetter fromFailure(Envelope original, ActionFailed failed) {
        Execution execution = failed.execution();
        String errorCode = execution == null ? null : execution.errorCode();
        String errorMessage = execution == null ? null : execution.errorMessage();
        int attempts = execution == null ? 1 : execution.retriesUsed() + 1;
        return new DeadLetter(ActionIds.next(), failed.actionId(), failed.intent(), failed.node(), errorCode,
                errorMessage, FailureClass.of(errorCode), attempts, clock.instant(), null, null,
                Json.mapper().valueToTree(original));
    }
}
