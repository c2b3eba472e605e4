package dev.handrail.health.messaging;

import dev.handrail.bus.Bus;
import dev.handrail.contracts.message.ActionEvent;
import dev.handrail.contracts.message.Envelope;
import dev.handrail.health.deadletter.DeadLetterPublisher;
import jakarta.inject.Singleton;
import java.util.concurrent.CompletionStage;

/** Publishes {@code dead_lettered} (and {@code failed}) events on the feed, caused by the message they answer. */
@Singleton
public final class BusDeadLetterPublisher implements DeadLetterPublisher {

    private final Bus bus;

    public BusDeadLetterPublisher(Bus bus) {
        this.bus = bus;
    }

    @Override
    public CompletionStage<?> publish(Envelope cause, ActionEvent event) {
        return bus.publish(event.natsSubject(), Envelope.causedBy(cause, bus.source(), event));
    }
}
