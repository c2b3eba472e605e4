package dev.handrail.policy.messaging;

import dev.handrail.bus.Bus;
import dev.handrail.contracts.message.Envelope;
import dev.handrail.contracts.message.Message;
import dev.handrail.policy.action.EventPublisher;
import java.time.Duration;
import java.util.List;

/**
 * Publishes what one consumed command caused: each message is wrapped with
 * {@link Envelope#causedBy}, so its id is derived and a redelivered command's repeat is dropped.
 */
final class CausedPublisher implements EventPublisher {

    private final Bus bus;
    private final Envelope cause;
    private final Duration timeout;

    CausedPublisher(Bus bus, Envelope cause, Duration timeout) {
        this.bus = bus;
        this.cause = cause;
        this.timeout = timeout;
    }

    @Override
    public void publish(List<? extends Message> messages) {
        List<Envelope> envelopes = messages.stream().map(m -> Envelope.causedBy(cause, bus.source(), m)).toList();
        List<String> subjects = messages.stream().map(Outbound::subjectOf).toList();
        Outbound.publishAll(bus, envelopes, subjects, timeout);
    }
}
