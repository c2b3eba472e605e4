package dev.handrail.launcher;

import dev.handrail.bus.BusException;
import dev.handrail.bus.Streams;
import dev.handrail.contracts.Subjects;
import dev.handrail.devkit.ClaimKeyFiles;
import io.nats.client.Connection;
import io.nats.client.JetStreamApiException;
import io.nats.client.KeyValueManagement;
import io.nats.client.Nats;
import io.nats.client.api.KeyValueConfiguration;
import io.nats.client.api.StorageType;
import java.io.IOException;
import java.nio.file.Path;

/**
 * What must exist before any service starts: the two streams and the token bucket (which only the
 * admin identity may create), and the principal-claim key pairs of the gateway and of health
 * (ADR 0013). Idempotent: what exists is left as it is.
 */
final class Provisioning {

    private Provisioning() {
    }

    /** The signing keys of a local run: each private key goes to its own service only, both public keys to policy. */
    record ClaimKeys(ClaimKeyFiles gateway, ClaimKeyFiles health) {
    }

    /**
     * The claim key pairs under {@code dir}, generated on first use: each private key in a file
     * readable by its owner only, created atomically ({@link ClaimKeyFiles}).
     */
    static ClaimKeys claimKeys(Path dir) {
        return new ClaimKeys(ClaimKeyFiles.ensure(dir, "gateway"), ClaimKeyFiles.ensure(dir, "health"));
    }

    static void provision(String adminUrl) {
        try (Connection admin = Nats.connect(adminUrl)) {
            Streams.provision(admin);
            KeyValueManagement kvm = admin.keyValueManagement();
            if (!kvm.getBucketNames().contains(Subjects.TOKEN_BUCKET)) {
                kvm.create(KeyValueConfiguration.builder().name(Subjects.TOKEN_BUCKET)
                        .description("Handrail API tokens (hashed)").storageType(StorageType.File)
                        .maxHistoryPerKey(5).build());
            }
        } catch (IOException | JetStreamApiException e) {
            throw new BusException("Cannot provision NATS as admin: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BusException("Interrupted while provisioning NATS", e);
        }
    }
}
