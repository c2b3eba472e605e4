package dev.handrail.audit.messaging;

import dev.handrail.audit.store.BatchWriter;
import dev.handrail.audit.store.IncomingEvent;
import dev.handrail.bus.Bus;
import dev.handrail.bus.DurableSpec;
import dev.handrail.contracts.Subjects;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.context.event.StartupEvent;
import jakarta.inject.Singleton;

/**
 * Feeds every event on the feed to the batch writer through the shared durable consumer
 * {@link Subjects#DURABLE_AUDIT}; an event is acknowledged only once the batch holding it is
 * committed. Started once at application start-up; thread-safe (the bus serialises delivery).
 */
@Singleton
public class EventFeedConsumer implements ApplicationEventListener<StartupEvent> {

    private final Bus bus;
    private final BatchWriter writer;
    private final ConsumerConfig config;

    public EventFeedConsumer(Bus bus, BatchWriter writer, ConsumerConfig config) {
        this.bus = bus;
        this.writer = writer;
        this.config = config;
    }

    @Override
    public void onApplicationEvent(StartupEvent event) {
        DurableSpec spec = new DurableSpec(Subjects.STREAM_EVENTS, Subjects.DURABLE_AUDIT, Subjects.EVENTS_ALL,
                config.getAckWait(), config.getMaxDeliver(), config.getMaxAckPending(), config.getFetchSize());
        bus.consume(spec, (envelope, delivery) -> writer.submit(new IncomingEvent(envelope, delivery.subject())));
    }
}
