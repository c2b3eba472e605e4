package dev.handrail.audit.messaging;

import dev.handrail.audit.store.BatchWriter;
import dev.handrail.audit.store.IncomingEvent;
import dev.handrail.bus.Bus;
import dev.handrail.bus.DurableSpec;
import dev.handrail.bus.tracing.Tracing;
import dev.handrail.contracts.Subjects;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.context.event.StartupEvent;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Feeds every message on the feed to the batch writer through the shared durable consumer
 * {@link Subjects#DURABLE_AUDIT}, and acknowledges it only once the batch holding it is committed
 * (stored on the chain, found a duplicate, or kept in the quarantine). Nothing is ever given up:
 * the consumer has no cap on deliveries, a message that is not an envelope goes to the writer
 * (which quarantines it) instead of being terminated, and messages waiting for the store signal
 * progress every third of the ack wait so that a store that falls behind is not flooded with
 * redeliveries. At most {@code max-ack-pending} messages are in flight, which bounds the writer's
 * queue. Started once at application start-up; thread-safe (the bus serialises delivery, a single
 * scheduler thread signals progress).
 */
@Singleton
public class EventFeedConsumer implements ApplicationEventListener<StartupEvent> {

    /** JetStream's "no limit" for deliveries: the audit consumer redelivers until a message is settled. */
    static final int UNLIMITED_DELIVERIES = -1;

    private final Bus bus;
    private final BatchWriter writer;
    private final ConsumerConfig config;
    private final InFlightDeliveries inFlight;
    private final ScheduledExecutorService progress = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("audit-progress").daemon().factory());

    public EventFeedConsumer(Bus bus, BatchWriter writer, ConsumerConfig config) {
        this.bus = bus;
        this.writer = writer;
        this.config = config;
        this.inFlight = new InFlightDeliveries(config.progressEvery(), System::nanoTime);
    }

    @Override
    public void onApplicationEvent(StartupEvent event) {
        DurableSpec spec = new DurableSpec(
                Subjects.STREAM_EVENTS,
                Subjects.DURABLE_AUDIT,
                Subjects.EVENTS_ALL,
                config.getAckWait(),
                UNLIMITED_DELIVERIES,
                config.getMaxAckPending(),
                config.getFetchSize());
        long every = config.progressEvery().toMillis();
        progress.scheduleAtFixedRate(inFlight::signalProgress, every, every, TimeUnit.MILLISECONDS);
        bus.consume(
                spec,
                (envelope, delivery) -> inFlight.track(
                        delivery,
                        Tracing.untilDone(
                                "audit.append",
                                () -> writer.submit(IncomingEvent.read(
                                        envelope, delivery.subject(), delivery.streamSequence(), delivery.data())))),
                (data, delivery, error) -> inFlight.track(
                        delivery,
                        writer.submit(IncomingEvent.unreadable(
                                data, delivery.subject(), delivery.streamSequence(), error.getMessage()))));
    }

    @PreDestroy
    void stop() {
        progress.shutdownNow();
    }
}
