package dev.handrail.health.messaging;

import dev.handrail.bus.Bus;
import dev.handrail.bus.Delivery;
import dev.handrail.bus.DurableSpec;
import dev.handrail.contracts.Subjects;
import dev.handrail.contracts.message.Envelope;
import dev.handrail.contracts.message.Message;
import dev.handrail.contracts.message.MessageTypes;
import dev.handrail.health.webhook.WebhookEventType;
import dev.handrail.health.webhook.WebhookService;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.context.event.StartupEvent;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The health service's durable consumer of the events webhooks announce, shared by every
 * instance, so each event is turned into deliveries once however many instances run. An event is
 * acknowledged only after its deliveries are stored (on a virtual thread, never the NATS thread);
 * sending happens later, off this path ({@code WebhookDispatcher}). It never gives an event up (no
 * cap on deliveries) and starts at the events stored after it was first created.
 */
@Singleton
public final class WebhookEventConsumer implements ApplicationEventListener<StartupEvent> {

    private static final Logger LOG = LoggerFactory.getLogger(WebhookEventConsumer.class);
    private static final DurableSpec SPEC = new DurableSpec(
                    Subjects.STREAM_EVENTS,
                    Subjects.DURABLE_HEALTH_WEBHOOKS,
                    Subjects.EVENTS_ALL,
                    Duration.ofSeconds(30),
                    -1,
                    256,
                    64)
            .startingNow();

    private final Bus bus;
    private final WebhookService webhooks;
    private final ExecutorService blocking = Executors.newVirtualThreadPerTaskExecutor();

    public WebhookEventConsumer(Bus bus, WebhookService webhooks) {
        this.bus = bus;
        this.webhooks = webhooks;
    }

    @Override
    public void onApplicationEvent(StartupEvent event) {
        bus.consume(SPEC, WebhookEventType::mayCarry, this::handle);
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
        return CompletableFuture.runAsync(() -> webhooks.accept(envelope, message), blocking);
    }

    @PreDestroy
    void stop() {
        blocking.shutdown();
    }
}
