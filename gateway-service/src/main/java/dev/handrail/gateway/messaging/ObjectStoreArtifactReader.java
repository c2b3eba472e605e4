package dev.handrail.gateway.messaging;

import dev.handrail.bus.BusException;
import dev.handrail.contracts.artifact.Artifacts;
import dev.handrail.gateway.artifact.Artifact;
import dev.handrail.gateway.artifact.ArtifactReader;
import io.nats.client.Connection;
import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamManagement;
import io.nats.client.ObjectStore;
import io.nats.client.api.MessageInfo;
import io.nats.client.api.ObjectInfo;
import io.nats.client.support.Digester;
import jakarta.inject.Singleton;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.security.NoSuchAlgorithmException;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Reads artifacts from the JetStream object store {@link Artifacts#BUCKET} with direct gets only:
 * the object's description by its name, then each chunk as the next message on the object's chunk
 * subject. That is all the gateway's NATS identity may do there: it creates no consumer and can
 * neither write nor delete. The bytes are checked against the object's size and SHA-256 before
 * they are handed out. Reads run on virtual threads. Thread-safe.
 */
@Singleton
public class ObjectStoreArtifactReader implements ArtifactReader, AutoCloseable {

    private final Connection connection;
    private final ExecutorService blocking = Executors.newVirtualThreadPerTaskExecutor();
    private volatile ObjectStore store;

    public ObjectStoreArtifactReader(Connection connection) {
        this.connection = connection;
    }

    @Override
    public CompletableFuture<Optional<Artifact>> read(String actionId, String name) {
        return CompletableFuture.supplyAsync(() -> readNow(Artifacts.key(actionId, name)), blocking);
    }

    private Optional<Artifact> readNow(String key) {
        try {
            ObjectInfo info = store().getInfo(key);
            if (info == null || info.isDeleted() || info.isLink()) {
                return Optional.empty();
            }
            byte[] bytes = chunks(info);
            Digester digester = new Digester();
            digester.update(bytes);
            if (bytes.length != info.getSize() || info.getDigest() != null && !digester.matches(info.getDigest())) {
                throw new BusException("Artifact " + key + " is damaged: " + bytes.length + " bytes of "
                        + info.getSize() + ", or its digest does not match");
            }
            String mediaType =
                    info.getHeaders() == null ? null : info.getHeaders().getFirst(Artifacts.MEDIA_TYPE_HEADER);
            return Optional.of(new Artifact(mediaType == null ? "application/octet-stream" : mediaType, bytes));
        } catch (IOException | JetStreamApiException | NoSuchAlgorithmException e) {
            throw new BusException(
                    "Cannot read artifact " + key + " from bucket " + Artifacts.BUCKET + ": " + e.getMessage(), e);
        }
    }

    /** The object's chunks in order, each the next message on its chunk subject after the one before. */
    private byte[] chunks(ObjectInfo info) throws IOException, JetStreamApiException {
        JetStreamManagement jsm = connection.jetStreamManagement();
        String subject = "$O." + Artifacts.BUCKET + ".C." + info.getNuid();
        ByteArrayOutputStream out = new ByteArrayOutputStream((int) Math.min(info.getSize(), Integer.MAX_VALUE - 8));
        long next = 1;
        for (long chunk = 0; chunk < info.getChunks(); chunk++) {
            MessageInfo message = jsm.getNextMessage(Artifacts.STREAM, next, subject);
            if (message == null || message.getData() == null) {
                break;
            }
            out.writeBytes(message.getData());
            next = message.getSeq() + 1;
        }
        return out.toByteArray();
    }

    private ObjectStore store() throws IOException {
        ObjectStore opened = store;
        if (opened == null) {
            opened = connection.objectStore(Artifacts.BUCKET);
            store = opened;
        }
        return opened;
    }

    @Override
    public void close() {
        blocking.shutdownNow();
    }
}
