package dev.handrail.health.messaging;

import dev.handrail.bus.Bus;
import dev.handrail.bus.Delivery;
import dev.handrail.bus.DurableSpec;
import dev.handrail.contracts.Subjects;
import dev.handrail.contracts.message.ActionFailed;
import dev.handrail.contracts.message.Envelope;
import dev.handrail.contracts.message.Message;
import dev.handrail.contracts.message.MessageTypes;
import dev.handrail.contracts.message.ResultOrigin;
import dev.handrail.health.deadletter.DeadLetterService;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.context.event.StartupEvent;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The health service's durable consumer of action events, shared by every instance: failures
 * become dead letters (stored on a virtual thread, never on the NATS thread). The breakers are
 * fed by the leader's own consumer ({@link BreakerFeed}). A failure that names another node than
 * its subject's ({@link ResultOrigin}) is refused. Other events are acknowledged and
 * ignored, as is an event whose data cannot be read (a redelivery would not help).
 */
@Singleton
public final class ActionOutcomeConsumer implements ApplicationEventListener<StartupEvent> {

    private static final Logger LOG = LoggerFactory.getLogger(ActionOutcomeConsumer.class);

    private final Bus bus;
    private final DeadLetterService deadLetters;
    private final ExecutorService blocking = Executors.newVirtualThreadPerTaskExecutor();

    public ActionOutcomeConsumer(Bus bus, DeadLetterService deadLetters) {
        this.bus = bus;
        this.deadLetters = deadLetters;
    }

    /** Only failures can become dead letters; the other action events are acknowledged unread. */
    private static final String FAILED = Subjects.actionEventPrefix("failed");

    @Override
    public void onApplicationEvent(StartupEvent event) {
        bus.consume(
                DurableSpec.of(Subjects.STREAM_EVENTS, Subjects.DURABLE_HEALTH, Subjects.ACTION_EVENTS_ALL),
                subject -> subject.startsWith(FAILED),
                this::handle);
    }

    CompletionStage<?> handle(Envelope envelope, Delivery delivery) {
        if (!MessageTypes.all().containsKey(envelope.type())) {
            return CompletableFuture.completedFuture(null);
        }
        Message message;
        try {
            message = envelope.message();
        } catch (IllegalArgumentException e) {
            LOG.warn(
                    "Skipping {} {}: its data does not match its type ({})",
                    envelope.type(),
                    envelope.id(),
                    e.getMessage());
            return CompletableFuture.completedFuture(null);
        }
        if (!ResultOrigin.matches(delivery.subject(), message)) {
            LOG.warn(
                    "Refusing {} {} on {}: the node it names is not the node of its subject (forged or misrouted); "
                            + "no dead letter is kept",
                    envelope.type(),
                    envelope.id(),
                    delivery.subject());
            return CompletableFuture.completedFuture(null);
        }
        if (message instanceof ActionFailed failed) {
            return CompletableFuture.supplyAsync(() -> deadLetters.deadLetter(envelope, failed), blocking)
                    .thenCompose(Function.identity());
        }
        return CompletableFuture.completedFuture(null);
    }

    @PreDestroy
    void stop() {
        blocking.shutdown();
    }
}
