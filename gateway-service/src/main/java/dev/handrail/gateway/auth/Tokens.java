package dev.handrail.gateway.auth;

import dev.handrail.contracts.action.ActionIds;
import dev.handrail.contracts.error.ErrorCode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Issues, checks and revokes API tokens. A token is {@code hr_} and 32 random bytes in hex; only
 * its SHA-256 is stored, so the secret exists once, in the answer to whoever asked for it.
 * Stateless apart from the store; safe to share between threads.
 */
public final class Tokens {

    static final String PREFIX = "hr_";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final TokenStore store;
    private final Clock clock;

    public Tokens(TokenStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** A new token and its secret, shown this once. */
    public Issued issue(String principal, PrincipalKind kind, Role role, Duration expiresIn, String createdBy) {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String secret = PREFIX + HexFormat.of().formatHex(bytes);
        return new Issued(register(secret, principal, kind, role, expiresIn, createdBy), secret);
    }

    /**
     * Makes {@code secret} a working token (the bootstrap admin token given by the environment),
     * unless it is one already.
     */
    public TokenRecord ensure(String secret, String principal, PrincipalKind kind, Role role, String createdBy) {
        return store.findByHash(hash(secret)).orElseGet(() -> register(secret, principal, kind, role, null, createdBy));
    }

    private TokenRecord register(
            String secret, String principal, PrincipalKind kind, Role role, Duration expiresIn, String createdBy) {
        Instant now = clock.instant();
        TokenRecord token = new TokenRecord(
                ActionIds.next().toLowerCase(Locale.ROOT),
                principal,
                kind,
                role,
                hash(secret),
                now,
                expiresIn == null ? null : now.plus(expiresIn),
                null,
                createdBy);
        store.save(token);
        return token;
    }

    /** The caller a bearer secret stands for, or why it stands for nobody. */
    public Authentication authenticate(String secret) {
        if (secret == null || secret.isBlank()) {
            return new Authentication.Refused(
                    ErrorCode.UNAUTHENTICATED, "Send an API token as 'Authorization: Bearer <token>'");
        }
        Optional<TokenRecord> found = store.findByHash(hash(secret.trim()));
        if (found.isEmpty() || found.get().revokedAt() != null) {
            return new Authentication.Refused(
                    ErrorCode.UNAUTHENTICATED, "The API token is not valid (unknown or revoked)");
        }
        TokenRecord token = found.get();
        if (!token.isUsable(clock.instant())) {
            return new Authentication.Refused(
                    ErrorCode.TOKEN_EXPIRED,
                    "The API token expired at " + token.expiresAt() + "; ask an admin for a new one");
        }
        return new Authentication.Accepted(new Caller(token.principal(), token.kind(), token.role(), token.id()));
    }

    /** Revokes a token; false if there is no such token. */
    public boolean revoke(String id) {
        Optional<TokenRecord> token = store.findById(id);
        token.ifPresent(t -> store.save(t.revoked(clock.instant())));
        return token.isPresent();
    }

    public List<TokenRecord> all() {
        return store.all();
    }

    /** Hex SHA-256 of a secret. */
    static String hash(String secret) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /** A token just issued, with its secret. */
    public record Issued(TokenRecord token, String secret) {}

    /** The outcome of presenting a secret. */
    public sealed interface Authentication {
        record Accepted(Caller caller) implements Authentication {}

        record Refused(ErrorCode code, String message) implements Authentication {}
    }
}
