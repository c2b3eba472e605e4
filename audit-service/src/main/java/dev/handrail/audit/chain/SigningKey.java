package dev.handrail.audit.chain;

import java.time.Instant;

/** The public half of a checkpoint signing key: its id, algorithm and X.509 encoding in base64. */
public record SigningKey(String keyId, String algorithm, String publicKey, Instant createdAt) {}
