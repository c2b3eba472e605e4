package dev.handrail.contracts.message;

import dev.handrail.contracts.Subjects;
import java.time.Instant;

/**
 * The audit store took a message off the feed that it cannot store in its chain (it is not an
 * envelope, it cannot be put in canonical JSON, or PostgreSQL refused it) and kept it raw in its
 * quarantine instead: nothing is dropped silently. {@code quarantineId} is the quarantine row;
 * {@code streamSequence} and {@code messageSubject} are the message's place and subject in the
 * event stream; {@code eventId} is its envelope id when one could be read; {@code error} says why
 * it could not be stored.
 */
public record AuditEventQuarantined(
        long quarantineId,
        String stream,
        long streamSequence,
        String messageSubject,
        String eventId,
        String error,
        Instant quarantinedAt)
        implements ControlEvent {

    @Override
    public String subject() {
        return "quarantine:" + quarantineId;
    }

    @Override
    public String natsSubject() {
        return Subjects.AUDIT_QUARANTINE_EVENTS;
    }
}
