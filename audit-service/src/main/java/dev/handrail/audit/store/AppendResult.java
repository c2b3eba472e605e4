package dev.handrail.audit.store;

/**
 * What one flush did: events stored, duplicates dropped (already stored, or repeated in the
 * batch), events that can never be stored (no id, or text PostgreSQL's jsonb refuses), and the
 * last seq of the chain afterwards.
 */
public record AppendResult(int stored, int duplicates, int unstorable, long lastSeq) {
}
