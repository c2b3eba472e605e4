package dev.handrail.policy.authority;

import dev.handrail.contracts.claim.ClaimKeys;
import dev.handrail.contracts.claim.ClaimVerifier;
import dev.handrail.contracts.message.DecideCommand;
import dev.handrail.contracts.message.Envelope;
import dev.handrail.contracts.message.Message;
import dev.handrail.contracts.message.PlanCommand;
import io.micronaut.context.exceptions.ConfigurationException;
import jakarta.inject.Singleton;
import java.security.PublicKey;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Decides whether a command on the bus really comes from the principal it names: its principal
 * claim must verify against a trusted issuer's key ({@link ClaimVerifier}), a claim of the health
 * service counts only for a plan (a dead-letter replay), and the principal inside the command
 * (the planner, the decider) must be the one the claim vouches for. Holding a service's NATS
 * identity is therefore not enough to act as somebody. Immutable and thread-safe.
 */
@Singleton
public class CommandAuthority {

    /** Issuer name of the gateway's claims. */
    public static final String GATEWAY = "gateway";
    /** Issuer name of the health service's claims (dead-letter replays). */
    public static final String HEALTH = "health";

    private final ClaimVerifier verifier;

    public CommandAuthority(ClaimConfig config, Clock clock) {
        Map<String, PublicKey> issuers = new HashMap<>();
        issuers.put(GATEWAY, key(config.getGatewayPublicKey(), "gateway-public-key", true));
        if (config.getHealthPublicKey() != null && !config.getHealthPublicKey().isBlank()) {
            issuers.put(HEALTH, key(config.getHealthPublicKey(), "health-public-key", false));
        }
        this.verifier = new ClaimVerifier(issuers, config.getClockSkew(), clock);
    }

    /** Why {@code command} (the envelope's {@code message}) must not be taken, or empty when it may. */
    public Optional<String> refusal(Envelope command, Message message) {
        String what = message instanceof PlanCommand ? "Plan " : "Decision on ";
        String refused = what + command.subject() + " is refused: ";
        return switch (verifier.verify(command)) {
            case ClaimVerifier.Refused r -> Optional.of(refused + r.reason());
            case ClaimVerifier.Verified v
            when HEALTH.equals(v.claim().issuer()) && !(message instanceof PlanCommand) ->
                Optional.of(refused + "the health service may only replay plans");
            case ClaimVerifier.Verified v
            when !Objects.equals(v.claim().principal(), principalInside(message)) ->
                Optional.of(refused + "the command names another principal than its claim");
            case ClaimVerifier.Verified v -> Optional.empty();
        };
    }

    private static String principalInside(Message message) {
        return switch (message) {
            case PlanCommand plan -> plan.principal();
            case DecideCommand decide -> decide.decidedBy();
            default -> null;
        };
    }

    private static PublicKey key(String text, String name, boolean required) {
        if (text == null || text.isBlank()) {
            if (required) {
                throw new ConfigurationException(ClaimConfig.PREFIX + "." + name + " is not set (HANDRAIL_CLAIMS_"
                        + name.replace('-', '_').toUpperCase(java.util.Locale.ROOT)
                        + "): policy cannot tell who sent a "
                        + "command without it; the launcher provisions it");
            }
            return null;
        }
        try {
            return ClaimKeys.publicKey(text);
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(ClaimConfig.PREFIX + "." + name + " is unusable: " + e.getMessage(), e);
        }
    }
}
