package dev.handrail.health.breaker;

import java.util.concurrent.CompletionStage;

/**
 * The port through which breaker moves are announced ({@code BreakerStateChanged} on the feed,
 * with {@link BreakerTransition#eventId()} as its id); the stage completes once the event is stored.
 */
public interface BreakerEventPublisher {

    CompletionStage<?> publish(BreakerTransition transition);
}
