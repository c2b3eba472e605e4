package dev.handrail.policy.authority;

import io.micronaut.context.annotation.ConfigurationProperties;
import java.time.Duration;

/**
 * Whose principal claims policy trusts, under {@code handrail.policy.claims}: the gateway's public
 * key (required; policy does not start without it), the health service's (optional; without it
 * dead-letter replays are refused), and the clock skew allowed when judging a claim's lifetime.
 * Keys are base64 X.509 Ed25519 public keys, as the launcher writes them.
 */
@ConfigurationProperties(ClaimConfig.PREFIX)
public class ClaimConfig {

    public static final String PREFIX = "handrail.policy.claims";

    private String gatewayPublicKey;
    private String healthPublicKey;
    private Duration clockSkew = Duration.ofSeconds(5);

    /** The gateway's public key ({@code HANDRAIL_CLAIMS_GATEWAY_PUBLIC_KEY}). */
    public String getGatewayPublicKey() {
        return gatewayPublicKey;
    }

    public void setGatewayPublicKey(String gatewayPublicKey) {
        this.gatewayPublicKey = gatewayPublicKey;
    }

    /** The health service's public key, for dead-letter replays ({@code HANDRAIL_CLAIMS_HEALTH_PUBLIC_KEY}). */
    public String getHealthPublicKey() {
        return healthPublicKey;
    }

    public void setHealthPublicKey(String healthPublicKey) {
        this.healthPublicKey = healthPublicKey;
    }

    /** How far the signer's clock may be off this one's. */
    public Duration getClockSkew() {
        return clockSkew;
    }

    public void setClockSkew(Duration clockSkew) {
        this.clockSkew = clockSkew;
    }
}
