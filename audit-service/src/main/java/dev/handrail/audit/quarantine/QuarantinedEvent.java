package dev.handrail.audit.quarantine;

import java.time.Instant;

/**
 * A message kept in the quarantine instead of the chain: its row id, where it was in the stream,
 * its envelope id when one could be read, and why it could not be stored. The raw bytes stay in
 * the table ({@code payload}); they are not carried here.
 */
public record QuarantinedEvent(
        long id,
        String stream,
        long streamSequence,
        String natsSubject,
        String eventId,
        String error,
        Instant quarantinedAt) {}
