package dev.handrail.health.messaging;

import dev.handrail.bus.Bus;
import dev.handrail.contracts.message.BreakerStateChanged;
import dev.handrail.health.breaker.BreakerEventPublisher;
import dev.handrail.health.breaker.BreakerTransition;
import jakarta.inject.Singleton;
import java.util.concurrent.CompletionStage;

/**
 * Publishes breaker moves as {@code BreakerStateChanged} on
 * {@code handrail.v1.events.breaker.<state>.<node>}, with the id {@code <breaker>.transition.<seq>}.
 */
@Singleton
public final class BusBreakerEventPublisher implements BreakerEventPublisher {

    /** The principal of events health raises on its own. */
    static final String PRINCIPAL = "health-service";

    private final Bus bus;

    public BusBreakerEventPublisher(Bus bus) {
        this.bus = bus;
    }

    @Override
    public CompletionStage<?> publish(BreakerTransition t) {
        BreakerStateChanged event = new BreakerStateChanged(t.name(), t.node(), t.intent(), t.to(), t.from(), t.at());
        return bus.publish(
                event.natsSubject(), Envelopes.withId(t.eventId(), bus.source(), event, PRINCIPAL, null, null));
    }
}
