package dev.handrail.executor.messaging;

import dev.handrail.bus.Bus;
import dev.handrail.contracts.Subjects;
import dev.handrail.contracts.message.ActionEvent;
import dev.handrail.contracts.message.Envelope;
import dev.handrail.executor.execution.EventPublisher;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Publishes the events caused by one execute command to JetStream, each on this node's own result
 * subject ({@link Subjects#nodeResult}, the only ones its NATS identity may publish on) and
 * wrapped as caused by the command's envelope (so a redelivered command republishes the same
 * ids), and waits for the server to store each one. Holds no mutable state.
 */
final class BusEventPublisher implements EventPublisher {

    private static final Duration ACK_TIMEOUT = Duration.ofSeconds(10);

    private final Bus bus;
    private final Envelope cause;
    private final String node;

    BusEventPublisher(Bus bus, Envelope cause, String node) {
        this.bus = bus;
        this.cause = cause;
        this.node = node;
    }

    @Override
    public void publish(ActionEvent event) {
        Envelope envelope = Envelope.causedBy(cause, bus.source(), event);
        String subject = Subjects.nodeResult(event.state().wire(), event.intent(), node);
        try {
            bus.publish(subject, envelope).get(ACK_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EventNotPublishedException(
                    "Interrupted while publishing " + envelope.type() + " " + envelope.id(), e);
        } catch (ExecutionException | TimeoutException e) {
            throw new EventNotPublishedException(
                    "JetStream did not store " + envelope.type() + " " + envelope.id() + " on " + subject + ": " + e,
                    e);
        }
    }
}
