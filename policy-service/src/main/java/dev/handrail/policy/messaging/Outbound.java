package dev.handrail.policy.messaging;

import dev.handrail.bus.Bus;
import dev.handrail.contracts.Subjects;
import dev.handrail.contracts.message.ActionEvent;
import dev.handrail.contracts.message.Envelope;
import dev.handrail.contracts.message.ExecuteCommand;
import dev.handrail.contracts.message.Message;
import dev.handrail.contracts.message.Notice;
import io.nats.client.api.PublishAck;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Where each kind of message policy sends goes, and sending a batch of envelopes in order. */
final class Outbound {

    private Outbound() {}

    /** Action events and notices on their own subjects, execute commands on their node's. */
    static String subjectOf(Message message) {
        return switch (message) {
            case ActionEvent event -> event.natsSubject();
            case Notice notice -> notice.natsSubject();
            case ExecuteCommand command -> Subjects.exec(command.node());
            default ->
                throw new IllegalArgumentException(
                        "Policy does not publish " + message.getClass().getSimpleName());
        };
    }

    /**
     * Sends every envelope, in order on the one connection, then waits until JetStream has
     * stored them all.
     */
    static void publishAll(Bus bus, List<Envelope> envelopes, List<String> subjects, Duration timeout) {
        CompletableFuture<?>[] acks = new CompletableFuture<?>[envelopes.size()];
        for (int i = 0; i < acks.length; i++) {
            CompletableFuture<PublishAck> ack = bus.publish(subjects.get(i), envelopes.get(i));
            acks[i] = ack;
        }
        try {
            CompletableFuture.allOf(acks).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PublishFailedException("Interrupted while publishing " + describe(envelopes), e);
        } catch (ExecutionException | TimeoutException e) {
            throw new PublishFailedException("Could not publish " + describe(envelopes) + ": " + e.getMessage(), e);
        }
    }

    private static String describe(List<Envelope> envelopes) {
        return envelopes.stream().map(Envelope::id).toList().toString();
    }
}
