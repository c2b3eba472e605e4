package dev.handrail.audit.messaging;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.handrail.audit.chain.Checkpoint;
import dev.handrail.audit.quarantine.QuarantinedEvent;
import dev.handrail.audit.store.AppendListener;
import dev.handrail.audit.store.StoredRow;
import dev.handrail.bus.Bus;
import dev.handrail.bus.BusException;
import dev.handrail.contracts.Subjects;
import dev.handrail.contracts.json.Json;
import dev.handrail.contracts.message.AuditCheckpoint;
import dev.handrail.contracts.message.AuditEventQuarantined;
import dev.handrail.contracts.message.Envelope;
import dev.handrail.contracts.message.Message;
import dev.handrail.contracts.message.MessageTypes;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Announces what the store committed: each stored event on core NATS
 * ({@link Subjects#auditStored}, a {@code StoredEvent} with its seq and hashes, the envelope as
 * stored and so redacted), which the gateway's live feed follows; and each signed checkpoint on the
 * feed as an {@link AuditCheckpoint} (JetStream, id {@code audit.checkpoint.<seq>} so a repeat is
 * dropped); and each message kept in the quarantine as an {@link AuditEventQuarantined}. Core NATS may drop a message; readers find the gap by seq and fill it from the store.
 * Stateless; jnats publishing is thread-safe.
 */
@Singleton
public class StoredEventAnnouncer implements AppendListener {

    private static final Logger LOG = LoggerFactory.getLogger(StoredEventAnnouncer.class);
    private static final String PRINCIPAL = "audit-service";
    private static final Duration PUBLISH_TIMEOUT = Duration.ofSeconds(10);

    private final Bus bus;

    public StoredEventAnnouncer(Bus bus) {
        this.bus = bus;
    }

    @Override
    public void stored(List<StoredRow> rows) {
        for (StoredRow row : rows) {
            bus.connection().publish(Subjects.auditStored(row.natsSubject()), payload(row));
        }
    }

    @Override
    public void checkpointed(Checkpoint checkpoint) {
        AuditCheckpoint message = new AuditCheckpoint(
                checkpoint.seq(), checkpoint.hash(), checkpoint.keyId(), checkpoint.signature(), checkpoint.signedAt());
        Envelope envelope = envelope("audit.checkpoint." + checkpoint.seq(), message, checkpoint.signedAt());
        bus.publish(message.natsSubject(), envelope).whenComplete((ack, failure) -> {
            if (failure != null) {
                LOG.warn(
                        "Checkpoint {} is stored but could not be published on the feed: {}",
                        checkpoint.seq(),
                        failure.toString());
            }
        });
    }

    /**
     * Puts each quarantined message on the feed as an {@link AuditEventQuarantined} (id
     * {@code audit.quarantine.<id>}, so a repeat after a redelivery is dropped), for the health
     * service to open an incident, and waits until JetStream has stored each of them.
     */
    @Override
    public void quarantined(List<QuarantinedEvent> events) {
        CompletableFuture<?>[] published = events.stream()
                .map(q -> {
                    AuditEventQuarantined message = new AuditEventQuarantined(
                            q.id(),
                            q.stream(),
                            q.streamSequence(),
                            q.natsSubject(),
                            q.eventId(),
                            q.error(),
                            q.quarantinedAt());
                    Envelope envelope = envelope("audit.quarantine." + q.id(), message, q.quarantinedAt());
                    return bus.publish(message.natsSubject(), envelope);
                })
                .toArray(CompletableFuture[]::new);
        try {
            CompletableFuture.allOf(published).get(PUBLISH_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BusException("Interrupted while announcing " + events.size() + " quarantined messages", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new BusException(
                    "Announcing " + events.size() + " quarantined messages failed: " + e.getMessage(), e);
        }
    }

    /** The envelope the audit service puts one of its own messages in, under its own principal. */
    private Envelope envelope(String id, Message message, Instant at) {
        return new Envelope(
                Envelope.SPEC_VERSION,
                id,
                bus.source(),
                MessageTypes.typeOf(message),
                message.subject(),
                at,
                Envelope.JSON,
                message.subject(),
                null,
                PRINCIPAL,
                null,
                Json.mapper().valueToTree(message));
    }

    /** A {@code StoredEvent} as JSON, with the stored envelope text put in as it is. */
    static byte[] payload(StoredRow row) {
        try {
            String json = "{\"seq\":" + row.seq() + ",\"prev_hash\":\"" + row.prevHash() + "\",\"hash\":\"" + row.hash()
                    + "\",\"nats_subject\":" + Json.mapper().writeValueAsString(row.natsSubject())
                    + ",\"envelope\":" + row.envelopeJson() + "}";
            return json.getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new Json.JsonException("Cannot write the subject of stored event " + row.seq(), e);
        }
    }
}
