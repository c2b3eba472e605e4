package dev.handrail.audit.checkpoint;

import dev.handrail.audit.chain.Checkpoint;
import dev.handrail.audit.chain.CheckpointSignature;
import dev.handrail.audit.chain.SigningKey;
import jakarta.inject.Singleton;
import java.security.KeyPair;
import java.time.Instant;
import java.util.Base64;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Signs checkpoints with this instance's Ed25519 key ({@link SigningKeyFile}); the private key
 * stays in memory and is never logged or sent anywhere. Immutable and thread-safe.
 */
@Singleton
public class CheckpointSigner {

    private static final Logger LOG = LoggerFactory.getLogger(CheckpointSigner.class);

    private final KeyPair pair;
    private final SigningKey publicKey;

    public CheckpointSigner(CheckpointConfig config) {
        this(SigningKeyFile.loadOrCreate(config.getKeyFile()));
        LOG.info(
                "Audit checkpoints are signed with Ed25519 key {} from {}",
                publicKey.keyId(),
                config.getKeyFile().toAbsolutePath());
    }

    /** A signer with a given key pair (tests, tools). */
    public CheckpointSigner(KeyPair pair) {
        this.pair = pair;
        this.publicKey = new SigningKey(
                CheckpointSignature.keyId(pair.getPublic()),
                CheckpointSignature.ALGORITHM,
                Base64.getEncoder().encodeToString(pair.getPublic().getEncoded()),
                Instant.now());
    }

    /** The public half, as it is stored and exported. */
    public SigningKey publicKey() {
        return publicKey;
    }

    /** A checkpoint over (seq, hash), signed now. */
    public Checkpoint sign(long seq, String hash) {
        return new Checkpoint(
                seq, hash, publicKey.keyId(), CheckpointSignature.sign(pair.getPrivate(), seq, hash), Instant.now());
    }

    @Override
    public String toString() {
        return "CheckpointSigner[key " + publicKey.keyId() + "]";
    }
}
