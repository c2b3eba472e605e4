package dev.handrail.executor.messaging;

import dev.handrail.contracts.artifact.Artifacts;
import dev.handrail.executor.screen.ArtifactNotStoredException;
import dev.handrail.executor.screen.ArtifactStore;
import io.nats.client.Connection;
import io.nats.client.JetStreamApiException;
import io.nats.client.ObjectStore;
import io.nats.client.api.ObjectMeta;
import io.nats.client.impl.Headers;
import jakarta.inject.Singleton;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.security.NoSuchAlgorithmException;

/**
 * Keeps artifacts in the JetStream object store bucket {@link Artifacts#BUCKET} (provisioned with
 * the streams), under {@link Artifacts#key}, with the media type in the object's
 * {@link Artifacts#MEDIA_TYPE_HEADER} header for the gateway to answer with. The node's NATS identity may only
 * add objects to this bucket, never read or delete them. Thread-safe: the object store context is
 * opened on first use and jnats' is safe to share.
 */
@Singleton
public class ObjectStoreArtifacts implements ArtifactStore {

    private final Connection connection;
    private volatile ObjectStore store;

    public ObjectStoreArtifacts(Connection connection) {
        this.connection = connection;
    }

    @Override
    public void put(String actionId, String name, String mediaType, byte[] bytes) {
        String key = Artifacts.key(actionId, name);
        ObjectMeta meta = ObjectMeta.builder(key)
                .headers(new Headers().put(Artifacts.MEDIA_TYPE_HEADER, mediaType))
                .build();
        try {
            store().put(meta, new ByteArrayInputStream(bytes));
        } catch (IOException | JetStreamApiException | NoSuchAlgorithmException | RuntimeException e) {
            throw new ArtifactNotStoredException(
                    "object store bucket " + Artifacts.BUCKET + " did not keep " + key + " (" + bytes.length
                            + " bytes): " + e.getMessage(),
                    e);
        }
    }

    private ObjectStore store() throws IOException {
        ObjectStore opened = store;
        if (opened == null) {
            opened = connection.objectStore(Artifacts.BUCKET);
            store = opened;
        }
        return opened;
    }
}
