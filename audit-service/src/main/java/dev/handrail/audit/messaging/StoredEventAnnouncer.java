package dev.handrail.audit.messaging;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.handrail.audit.chain.Checkpoint;
import dev.handrail.audit.store.AppendListener;
import dev.handrail.audit.store.StoredRow;
import dev.handrail.bus.Bus;
import dev.handrail.contracts.Subjects;
import dev.handrail.contracts.json.Json;
import dev.handrail.contracts.message.AuditCheckpoint;
import dev.handrail.contracts.message.Envelope;
import dev.handrail.contracts.message.MessageTypes;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Announces what the store committed: each stored event on core NATS
 * ({@link Subjects#auditStored}, a {@code StoredEvent} with its seq and hashes, the envelope as
 * stored and so redacted), which the gateway's live feed follows; and each signed checkpoint on the
 * feed as an {@link AuditCheckpoint} (JetStream, id {@code audit.checkpoint.<seq>} so a repeat is
 * dropped). Core NATS may drop a message; readers find the gap by seq and fill it from the store.
 * Stateless; jnats publishing is thread-safe.
 */
@Singleton
public class StoredEventAnnouncer implements AppendListener {

    private static final Logger LOG = LoggerFactory.getLogger(StoredEventAnnouncer.class);
    private static final String PRINCIPAL = "audit-service";

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
        AuditCheckpoint message = new AuditCheckpoint(checkpoint.seq(), checkpoint.hash(), checkpoint.keyId(),
                checkpoint.signature(), checkpoint.signedAt());
        Envelope envelope = new Envelope(Envelope.SPEC_VERSION, "audit.checkpoint." + checkpoint.seq(), bus.source(),
                MessageTypes.typeOf(message), message.subject(), checkpoint.signedAt(), Envelope.JSON, message.subject(),
                null, PRINCIPAL, null, Json.mapper().valueToTree(message));
        bus.publish(message.natsSubject(), envelope).whenComplete((ack, failure) -> {
            if (failure != null) {
                LOG.warn("Checkpoint {} is stored but could not be published on the feed: {}", checkpoint.seq(), failure.toString());
            }
        });
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
