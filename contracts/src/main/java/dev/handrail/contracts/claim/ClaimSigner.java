package dev.handrail.contracts.claim;

import dev.handrail.contracts.json.Json;
import dev.handrail.contracts.message.Envelope;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import org.jspecify.annotations.Nullable;

/**
 * Signs principal claims with one issuer's private key and attaches them to command envelopes.
 * Immutable and thread-safe (a {@link Signature} is made per call).
 */
public final class ClaimSigner {

    private final String issuer;
    private final PrivateKey key;
    private final Duration lifetime;
    private final Clock clock;

    public ClaimSigner(String issuer, PrivateKey key, Duration lifetime, Clock clock) {
        this.issuer = issuer;
        this.key = key;
        this.lifetime = lifetime;
        this.clock = clock;
    }

    /**
     * {@code command} with a claim that its principal is {@code command.principal()}, of
     * {@code kind} and {@code role} (either may be null), bound to its id, type, action and data.
     */
    public Envelope sign(Envelope command, @Nullable String kind, @Nullable String role) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        PrincipalClaim claim = new PrincipalClaim(
                issuer,
                command.principal(),
                kind,
                role,
                command.id(),
                command.type(),
                command.subject(),
                PayloadDigest.of(command.data()),
                now,
                now.plus(lifetime));
        return command.withPrincipalClaim(encode(claim));
    }

    private String encode(PrincipalClaim claim) {
        String body = Base64.getUrlEncoder().withoutPadding().encodeToString(Json.bytes(claim));
        try {
            Signature signature = Signature.getInstance(ClaimKeys.ALGORITHM);
            signature.initSign(key);
            signature.update(body.getBytes(StandardCharsets.US_ASCII));
            return body + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(signature.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot sign a principal claim: " + e.getMessage(), e);
        }
    }
}
