package dev.handrail.bus;

import dev.handrail.contracts.Subjects;
import dev.handrail.contracts.artifact.Artifacts;
import io.nats.client.Connection;
import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamManagement;
import io.nats.client.api.ObjectStoreConfiguration;
import io.nats.client.api.RetentionPolicy;
import io.nats.client.api.StorageType;
import io.nats.client.api.StreamConfiguration;
import java.io.IOException;
import java.time.Duration;
import java.util.List;

/**
 * The two JetStream streams Handrail runs on and the object store bucket of artifacts
 * ({@link Artifacts#BUCKET}, ADR 0019), created if missing. Creating is idempotent, so every
 * service may provision at start-up whichever starts first; where NATS authenticates, only the
 * admin identity may create them and the services find them made.
 */
public final class Streams {

    /** How long the event feed is kept in JetStream for replay; the audit store keeps it for good. */
    public static final Duration EVENT_RETENTION = Duration.ofDays(7);
    /** Window in which a republished message with the same {@code Nats-Msg-Id} is dropped. */
    public static final Duration DUPLICATE_WINDOW = Duration.ofMinutes(2);

    private Streams() {}

    /** The event feed: every event, replayable by any subscriber with its own consumer. */
    public static StreamConfiguration events() {
        return StreamConfiguration.builder()
                .name(Subjects.STREAM_EVENTS)
                .description("Handrail event feed")
                .subjects(Subjects.EVENTS_ALL)
                .retentionPolicy(RetentionPolicy.Limits)
                .storageType(StorageType.File)
                .maxAge(EVENT_RETENTION)
                .duplicateWindow(DUPLICATE_WINDOW)
                .build();
    }

    /** Commands, held until the service they are for acknowledges them. */
    public static StreamConfiguration commands() {
        return StreamConfiguration.builder()
                .name(Subjects.STREAM_COMMANDS)
                .description("Handrail commands: plans, decisions, executions")
                .subjects(Subjects.POLICY_COMMANDS_ALL, Subjects.EXEC_ALL)
                .retentionPolicy(RetentionPolicy.WorkQueue)
                .storageType(StorageType.File)
                .duplicateWindow(DUPLICATE_WINDOW)
                .build();
    }

    /**
     * The artifacts: an object store whose objects are forgotten after {@code maxAge} (its stream
     * is {@code OBJ_handrail_artifacts}, file storage, direct get allowed).
     */
    public static ObjectStoreConfiguration artifacts(Duration maxAge) {
        return ObjectStoreConfiguration.builder(Artifacts.BUCKET)
                .description("Handrail artifacts (screen captures), by action")
                .storageType(StorageType.File)
                .ttl(maxAge)
                .build();
    }

    /** Creates whichever stream or bucket is missing, artifacts kept for the default age; leaves existing ones as they are. */
    public static void provision(Connection connection) {
        provision(connection, Artifacts.DEFAULT_MAX_AGE);
    }

    /**
     * Creates whichever stream or bucket is missing; leaves existing ones as they are (an
     * existing bucket keeps the age it was made with).
     */
    public static void provision(Connection connection, Duration artifactMaxAge) {
        try {
            JetStreamManagement jsm = connection.jetStreamManagement();
            List<String> existing = jsm.getStreamNames();
            for (StreamConfiguration config :
                    List.of(events(), commands(), artifacts(artifactMaxAge).getBackingConfig())) {
                if (!existing.contains(config.getName())) {
                    addTolerantly(jsm, config);
                }
            }
        } catch (IOException | JetStreamApiException e) {
            throw new BusException("Cannot provision JetStream streams: " + e.getMessage(), e);
        }
    }

    private static void addTolerantly(JetStreamManagement jsm, StreamConfiguration config)
            throws IOException, JetStreamApiException {
        try {
            jsm.addStream(config);
        } catch (JetStreamApiException e) {
            // Another instance created it between our look and our add (10058: stream name in use).
            if (e.getApiErrorCode() != 10058) {
                throw e;
            }
        }
    }
}
