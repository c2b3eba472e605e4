package dev.handrail.gateway.auth;

import java.time.Instant;

/**
 * A stored API token: never the secret itself, only its SHA-256. {@code expiresAt} null means it
 * does not expire; {@code revokedAt} set means it no longer works.
 */
public record TokenRecord(
        String id,
        String principal,
        PrincipalKind kind,
        Role role,
        String secretHash,
        Instant createdAt,
        Instant expiresAt,
        Instant revokedAt,
        String createdBy) {

    /** Whether the token may be used at {@code now}. */
    public boolean isUsable(Instant now) {
        return revokedAt == null && (expiresAt == null || now.isBefore(expiresAt));
    }

    public TokenRecord revoked(Instant at) {
        return new TokenRecord(id, principal, kind, role, secretHash, createdAt, expiresAt, at, createdBy);
    }
}
