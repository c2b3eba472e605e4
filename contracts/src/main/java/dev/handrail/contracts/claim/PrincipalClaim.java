package dev.handrail.contracts.claim;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * Who sent a command, vouched for by the service that authenticated them: the signed part of
 * the {@code principalclaim} extension of a command's envelope. It names the command it belongs
 * to (envelope id, type, action) and the SHA-256 of the command's data, so it cannot be moved to
 * another command or payload, and it lapses at {@code expiresAt}.
 *
 * @param issuer    the service that signed it ({@code gateway}, or {@code health} for a dead-letter replay)
 * @param principal the authenticated caller
 * @param kind      what the caller is ({@code user}, {@code agent}, {@code service}); null when not known
 * @param role      the caller's role ({@code agent}, {@code operator}, {@code admin}); null when not known
 * @param digest    {@link PayloadDigest} of the envelope's {@code data}
 */
public record PrincipalClaim(
        String issuer,
        @Nullable String principal,
        @Nullable String kind,
        @Nullable String role,
        String commandId,
        String commandType,
        String actionId,
        String digest,
        Instant issuedAt,
        Instant expiresAt) {}
