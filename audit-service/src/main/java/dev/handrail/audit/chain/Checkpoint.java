package dev.handrail.audit.chain;

import java.time.Instant;

/**
 * A signed checkpoint: key {@code keyId} signed that the chain had reached {@code seq} with
 * hash {@code hash}. {@code signature} is the base64 Ed25519 signature over
 * {@link CheckpointSignature#message}.
 */
public record Checkpoint(long seq, String hash, String keyId, String signature, Instant signedAt) {}
