package dev.handrail.health.messaging;

import com.fasterxml.jackson.databind.JsonNode;
import dev.handrail.bus.Bus;
import dev.handrail.contracts.Subjects;
import dev.handrail.contracts.json.Json;
import dev.handrail.contracts.message.Envelope;
import dev.handrail.health.deadletter.DeadLetterService;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.context.event.StartupEvent;
import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamManagement;
import io.nats.client.Message;
import io.nats.client.api.MessageInfo;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a command JetStream gave up on into a dead letter: listens (core NATS) to the
 * max-deliveries advisories of {@code HANDRAIL_COMMANDS}, fetches the command from the stream by
 * its sequence and keeps it as a dead letter of class {@code max_deliveries}. Health may read the
 * command stream but not delete from it (ADR 0014): the command stays there, undelivered, until
 * an administrator removes it. Every instance hears each advisory; the dead letter is unique per
 * action and its events have derived ids JetStream de-duplicates, so it is kept once. Work runs on
 * virtual threads, off the NATS dispatcher. Advisories are not persisted: one sent while no health
 * instance runs is not seen.
 */
@Singleton
public final class MaxDeliveriesListener implements ApplicationEventListener<StartupEvent> {

    private static final Logger LOG = LoggerFactory.getLogger(MaxDeliveriesListener.class);
    /** JetStream's error code for a message that is not (or no longer) in the stream. */
    private static final int NO_MESSAGE = 10037;

    private final Bus bus;
    private final DeadLetterService deadLetters;
    private final ExecutorService blocking = Executors.newVirtualThreadPerTaskExecutor();

    public MaxDeliveriesListener(Bus bus, DeadLetterService deadLetters) {
        this.bus = bus;
        this.deadLetters = deadLetters;
    }

    @Override
    public void onApplicationEvent(StartupEvent event) {
        bus.listen(Subjects.ADVISORY_COMMAND_MAX_DELIVERIES, message -> blocking.execute(() -> onAdvisory(message)));
    }

    void onAdvisory(Message message) {
        JsonNode advisory;
        try {
            advisory = Json.mapper().readTree(message.getData());
        } catch (IOException e) {
            LOG.warn("Ignoring an advisory on {} that is not JSON: {}", message.getSubject(), e.getMessage());
            return;
        }
        String stream = advisory.path("stream").asText(Subjects.STREAM_COMMANDS);
        String consumer = advisory.path("consumer").asText("?");
        long sequence = advisory.path("stream_seq").asLong(-1);
        long deliveries = advisory.path("deliveries").asLong(0);
        if (sequence < 0) {
            LOG.warn("Ignoring a max-deliveries advisory without a stream sequence: {}", advisory);
            return;
        }
        try {
            JetStreamManagement jsm = bus.connection().jetStreamManagement();
            MessageInfo stored = jsm.getMessage(stream, sequence);
            Envelope command = Envelope.parse(stored.getData());
            deadLetters
                    .deadLetterCommand(command, consumer, deliveries)
                    .toCompletableFuture()
                    .get(30, TimeUnit.SECONDS)
                    .ifPresentOrElse(
                            letter -> LOG.warn(
                                    "Command {} #{} for action {} given up by {} after {} deliveries: "
                                            + "dead letter {}",
                                    stream,
                                    sequence,
                                    letter.actionId(),
                                    consumer,
                                    deliveries,
                                    letter.id()),
                            () -> LOG.warn(
                                    "Message {} #{} given up by {} is not an action's command",
                                    stream,
                                    sequence,
                                    consumer));
        } catch (JetStreamApiException e) {
            if (e.getApiErrorCode() == NO_MESSAGE) {
                LOG.warn("Message {} #{} given up by {} is no longer in the stream", stream, sequence, consumer);
            } else {
                LOG.error("Cannot dead-letter message {} #{}: {}", stream, sequence, e.getMessage());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            LOG.error("Cannot dead-letter message {} #{} given up by {}", stream, sequence, consumer, e);
        }
    }

    @PreDestroy
    void stop() {
        blocking.shutdown();
    }
}
