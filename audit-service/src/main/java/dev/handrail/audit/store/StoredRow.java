package dev.handrail.audit.store;

/** An event as it was just committed: its place and links in the chain, the subject it came on, and the stored JSON. */
public record StoredRow(long seq, String prevHash, String hash, String natsSubject, String envelopeJson) {}
