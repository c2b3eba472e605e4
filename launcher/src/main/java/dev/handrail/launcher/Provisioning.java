package dev.handrail.launcher;

import dev.handrail.bus.BusException;
import dev.handrail.bus.Streams;
import dev.handrail.contracts.Subjects;
import io.nats.client.Connection;
import io.nats.client.JetStreamApiException;
import io.nats.client.KeyValueManagement;
import io.nats.client.Nats;
import io.nats.client.api.KeyValueConfiguration;
import io.nats.client.api.StorageType;
import java.io.IOException;

/**
 * What only the admin identity may create, created before any service starts: the two streams
 * and the token bucket. Idempotent: what exists is left as it is.
 */
final class Provisioning {

    private Provisioning() {
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
