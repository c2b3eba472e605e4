package dev.handrail.contracts.query;

import dev.handrail.contracts.message.Envelope;

/**
 * One event as the audit store holds it: its place in the chain ({@code seq}), the chain links
 * ({@code hash = SHA-256(prev_hash || RFC 8785 canonical JSON of envelope)}), the subject it came
 * on, and the envelope as stored (sensitive values redacted).
 */
public record StoredEvent(long seq, String prevHash, String hash, String natsSubject, Envelope envelope) {}
