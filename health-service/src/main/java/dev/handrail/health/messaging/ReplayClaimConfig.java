package dev.handrail.health.messaging;

import io.micronaut.context.annotation.ConfigurationProperties;
import java.time.Duration;

/**
 * How health vouches for the principal of a dead-letter replay (ADR 0013), under
 * {@code handrail.health.claims}: its Ed25519 private key file and a claim's lifetime. Without a
 * key a replay goes out unsigned, and policy refuses it.
 */
@ConfigurationProperties(ReplayClaimConfig.PREFIX)
public class ReplayClaimConfig {

    public static final String PREFIX = "handrail.health.claims";

    private String privateKeyFile;
    private Duration lifetime = Duration.ofMinutes(10);

    /** The private key file, base64 PKCS#8 ({@code HANDRAIL_HEALTH_CLAIM_KEY_FILE}). */
    public String getPrivateKeyFile() {
        return privateKeyFile;
    }

    public void setPrivateKeyFile(String privateKeyFile) {
        this.privateKeyFile = privateKeyFile;
    }

    /** How long after signing a claim is accepted. */
    public Duration getLifetime() {
        return lifetime;
    }

    public void setLifetime(Duration lifetime) {
        this.lifetime = lifetime;
    }
}
