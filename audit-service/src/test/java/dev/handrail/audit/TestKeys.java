package dev.handrail.audit;

import dev.handrail.audit.checkpoint.CheckpointConfig;
import dev.handrail.audit.checkpoint.CheckpointSigner;
import dev.handrail.audit.checkpoint.Checkpointer;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;

/** Fresh Ed25519 keys and checkpointers for tests. */
public final class TestKeys {

    private TestKeys() {}

    public static KeyPair pair() {
        try {
            return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A checkpointer with a new key that signs every {@code everyEvents} events. */
    public static Checkpointer checkpointer(int everyEvents) {
        CheckpointConfig config = new CheckpointConfig();
        config.setEveryEvents(everyEvents);
        return new Checkpointer(new CheckpointSigner(pair()), config);
    }
}
