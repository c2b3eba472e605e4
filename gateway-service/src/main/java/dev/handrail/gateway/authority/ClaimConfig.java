package dev.handrail.gateway.authority;

import io.micronaut.context.annotation.ConfigurationProperties;
import java.time.Duration;

/**
 * How the gateway signs the principal claims of its commands, under {@code handrail.gateway.claims}:
 * the file holding its Ed25519 private key (required; only the gateway is given it) and how long
 * a claim stays valid. The lifetime bounds how long a command may wait in JetStream (e.g. while
 * policy restarts) and still be taken.
 */
@ConfigurationProperties(ClaimConfig.PREFIX)
public class ClaimConfig {

    public static final String PREFIX = "handrail.gateway.claims";

    private String privateKeyFile;
    private Duration lifetime = Duration.ofMinutes(10);

    /** The private key file, base64 PKCS#8 ({@code HANDRAIL_GATEWAY_CLAIM_KEY_FILE}). */
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
