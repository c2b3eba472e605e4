package dev.handrail.audit.chain;

/** One stored event as the chain sees it: its place, its links and the envelope's JSON text. */
public record ChainRow(long seq, String prevHash, String hash, String envelopeJson) {}
