package dev.handrail.contracts.claim;

import dev.handrail.contracts.json.Json;
import dev.handrail.contracts.message.Envelope;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Objects;

/**
 * Checks the principal claim of a command envelope against the public keys of the issuers it
 * trusts: present, well formed, signed by a known issuer, within its lifetime (give or take
 * {@code skew}), made for this very command (id, type, action, data digest) and naming the
 * envelope's principal. Immutable and thread-safe.
 */
public final class ClaimVerifier {

    private final Map<String, PublicKey> issuers;
    private final Duration skew;
    private final Clock clock;

    public ClaimVerifier(Map<String, PublicKey> issuers, Duration skew, Clock clock) {
        this.issuers = Map.copyOf(issuers);
        this.skew = skew;
        this.clock = clock;
    }

    /** What checking a claim found. */
    public sealed interface Result {}

    /** The claim holds; {@code claim} is what it says. */
    public record Verified(PrincipalClaim claim) implements Result {}

    /** The claim does not hold, for the reason given (a sentence for the refusal message). */
    public record Refused(String reason) implements Result {}

    /** Checks {@code command}'s claim. */
    public Result verify(Envelope command) {
        String token = command.principalclaim();
        if (token == null || token.isBlank()) {
            return new Refused("it carries no principal claim");
        }
        int dot = token.indexOf('.');
        PrincipalClaim claim;
        byte[] signature;
        try {
            if (dot < 0) {
                throw new IllegalArgumentException("no signature");
            }
            claim = Json.read(Base64.getUrlDecoder().decode(token.substring(0, dot)), PrincipalClaim.class);
            signature = Base64.getUrlDecoder().decode(token.substring(dot + 1));
        } catch (IllegalArgumentException | Json.JsonException e) {
            return new Refused("its principal claim is malformed");
        }
        PublicKey key = claim.issuer() == null ? null : issuers.get(claim.issuer());
        if (key == null) {
            return new Refused(
                    "its principal claim is signed by an issuer policy does not trust (" + claim.issuer() + ")");
        }
        if (!signatureHolds(key, token.substring(0, dot), signature)) {
            return new Refused("its principal claim's signature does not verify");
        }
        return judge(command, claim);
    }

    private Result judge(Envelope command, PrincipalClaim claim) {
        Instant now = clock.instant();
        if (claim.expiresAt() == null
                || claim.issuedAt() == null
                || now.isAfter(claim.expiresAt().plus(skew))) {
            return new Refused("its principal claim expired at " + claim.expiresAt());
        }
        if (claim.issuedAt().isAfter(now.plus(skew))) {
            return new Refused("its principal claim is issued in the future (" + claim.issuedAt() + ")");
        }
        if (!Objects.equals(claim.commandId(), command.id())
                || !Objects.equals(claim.commandType(), command.type())
                || !Objects.equals(claim.actionId(), command.subject())) {
            return new Refused("its principal claim was made for another command");
        }
        if (!Objects.equals(claim.digest(), PayloadDigest.of(command.data()))) {
            return new Refused("its principal claim was made for another payload");
        }
        if (claim.principal() == null || !claim.principal().equals(command.principal())) {
            return new Refused("its principal claim names another principal than the envelope");
        }
        return new Verified(claim);
    }

    private static boolean signatureHolds(PublicKey key, String body, byte[] signature) {
        try {
            Signature verifier = Signature.getInstance(ClaimKeys.ALGORITHM);
            verifier.initVerify(key);
            verifier.update(body.getBytes(StandardCharsets.US_ASCII));
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }
}
