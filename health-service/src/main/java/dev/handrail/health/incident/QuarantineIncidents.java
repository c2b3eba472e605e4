package dev.handrail.health.incident;

import dev.handrail.contracts.message.AuditEventQuarantined;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens one incident for each message the audit store could not put on its chain and kept in its
 * quarantine: keyed {@code audit_quarantine:<quarantine id>}, so a repeated notice opens nothing
 * new. Such an incident is not closed by the leader's sweep (the cause does not go away by itself);
 * the leader announces it on the feed like any other. Stateless; the store keeps instances apart.
 */
@Singleton
public final class QuarantineIncidents {

    /** Key prefix (and kind) of these incidents. */
    public static final String KIND = "audit_quarantine";

    static final String KEY_PREFIX = KIND + ":";

    private static final Logger LOG = LoggerFactory.getLogger(QuarantineIncidents.class);

    private final IncidentStore store;
    private final Clock clock;

    public QuarantineIncidents(IncidentStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** Opens the incident for a quarantined message unless it is open already; the new incident, or empty. */
    public Optional<Incident> open(AuditEventQuarantined quarantined) {
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("quarantine_id", quarantined.quarantineId());
        detail.put("stream", quarantined.stream());
        detail.put("stream_sequence", quarantined.streamSequence());
        detail.put("nats_subject", quarantined.messageSubject());
        detail.put("event_id", quarantined.eventId());
        detail.put("error", quarantined.error());
        detail.put("quarantined_at", quarantined.quarantinedAt());
        IncidentCause cause = new IncidentCause(
                KEY_PREFIX + quarantined.quarantineId(),
                KIND,
                "Audit quarantined message #" + quarantined.streamSequence() + " on " + quarantined.messageSubject()
                        + ": it is not on the chain",
                detail);
        Optional<Incident> opened = store.open(cause, clock.instant());
        opened.ifPresent(i -> LOG.warn("Incident {} opened: {}", i.id(), i.title()));
        return opened;
    }
}
