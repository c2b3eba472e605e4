package dev.handrail.audit.quarantine;

/**
 * A message that cannot be stored in the chain, on its way to the quarantine: its bytes as they
 * were in the stream, where it was, its envelope id if one could be read, and why.
 */
public record Rejected(
        byte[] payload, String stream, long streamSequence, String natsSubject, String eventId, String error) {}
