package dev.handrail.contracts.claim;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The settings of a service that signs principal claims: the file holding its Ed25519 private key
 * (base64 PKCS#8, given to that service only) and how long a claim stays valid. The lifetime bounds
 * how long a command may wait in JetStream (e.g. while policy restarts) and still be taken. Each
 * signing service binds it under its own prefix.
 */
public abstract class SigningKeySettings {

    private @Nullable String privateKeyFile;
    private Duration lifetime = Duration.ofMinutes(10);

    /** The private key file. */
    public @Nullable String getPrivateKeyFile() {
        return privateKeyFile;
    }

    public void setPrivateKeyFile(@Nullable String privateKeyFile) {
        this.privateKeyFile = privateKeyFile;
    }

    /** How long after signing a claim is accepted. */
    public Duration getLifetime() {
        return lifetime;
    }

    public void setLifetime(Duration lifetime) {
        this.lifetime = lifetime;
    }

    /**
     * A signer for {@code issuer} with the configured key, or empty when no key file is set;
     * throws {@link IllegalArgumentException} or {@link java.io.UncheckedIOException} for a file
     * that cannot be read or holds no usable key.
     */
    public Optional<ClaimSigner> signer(String issuer, Clock clock) {
        if (privateKeyFile == null || privateKeyFile.isBlank()) {
            return Optional.empty();
        }
        return Optional.of(new ClaimSigner(
                issuer, ClaimKeys.privateKey(ClaimKeys.read(Path.of(privateKeyFile))), lifetime, clock));
    }
}
