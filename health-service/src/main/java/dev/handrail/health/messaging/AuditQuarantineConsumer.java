package dev.handrail.health.messaging;

import dev.handrail.bus.Bus;
import dev.handrail.bus.Delivery;
import dev.handrail.bus.DurableSpec;
import dev.handrail.contracts.Subjects;
import dev.handrail.contracts.message.AuditEventQuarantined;
import dev.handrail.contracts.message.Envelope;
import dev.handrail.health.incident.QuarantineIncidents;
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
 * The health service's durable consumer of the audit store's quarantine notices, shared by every
 * instance: each one opens an incident (on a virtual thread, never on the NATS thread). Like the
 * audit consumer it never gives a notice up (no cap on deliveries): a notice is acknowledged once
 * its incident is stored.
 */
@Singleton
public final class AuditQuarantineConsumer implements ApplicationEventListener<StartupEvent> {

    private static final Logger LOG = LoggerFactory.getLogger(AuditQuarantineConsumer.class);
    private static final DurableSpec SPEC = new DurableSpec(
            Subjects.STREAM_EVENTS,
            Subjects.DURABLE_HEALTH_QUARANTINE,
            Subjects.AUDIT_QUARANTINE_EVENTS,
            Duration.ofSeconds(30),
            -1,
            64,
            16);

    private final Bus bus;
    private final QuarantineIncidents incidents;
    private final ExecutorService blocking = Executors.newVirtualThreadPerTaskExecutor();

    public AuditQuarantineConsumer(Bus bus, QuarantineIncidents incidents) {
        this.bus = bus;
        this.incidents = incidents;
    }

    @Override
    public void onApplicationEvent(StartupEvent event) {
        bus.consume(SPEC, this::handle);
    }

    CompletionStage<?> handle(Envelope envelope, Delivery delivery) {
        AuditEventQuarantined quarantined;
        try {
            quarantined = envelope.message(AuditEventQuarantined.class);
        } catch (IllegalArgumentException e) {
            LOG.warn("Skipping {} {}: not a quarantine notice ({})", envelope.type(), envelope.id(), e.getMessage());
            return CompletableFuture.completedFuture(null);
        }
        return CompletableFuture.runAsync(() -> incidents.open(quarantined), blocking);
    }

    @PreDestroy
    void stop() {
        blocking.shutdown();
    }
}
