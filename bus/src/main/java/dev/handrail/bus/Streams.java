package dev.handrail.bus;

import dev.handrail.contracts.Subjects;
import dev.handrail.contracts.artifact.Artifacts;
import io.nats.client.Connection;
import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamManagement;
import io.nats.client.api.KeyValueConfiguration;
import io.nats.client.api.ObjectStoreConfiguration;
import io.nats.client.api.RetentionPolicy;
import io.nats.client.api.StorageType;
import io.nats.client.api.StreamConfiguration;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The two JetStream streams Handrail runs on, the object store bucket of artifacts
 * ({@link Artifacts#BUCKET}, ADR 0019) and the token bucket, created if missing with the configured
 * number of {@link Replicas} (ADR 0028). Creating is idempotent, so every
 * service may provision at start-up whichever starts first; where NATS authenticates, only the
 * admin identity may create them and the services find them made.
 */
public final class Streams {

    /** How long the event feed is kept in JetStream for replay; the audit store keeps it for good. */
    public static final Duration EVENT_RETENTION = Duration.ofDays(7);
    /** Window in which a republished message with the same {@code Nats-Msg-Id} is dropped. */
    public static final Duration DUPLICATE_WINDOW = Duration.ofMinutes(2);

    /** JetStream's answer to adding a stream that exists (with another configuration). */
    private static final int STREAM_NAME_IN_USE = 10058;
    /** JetStream's answer to more than one replica on a server that is not part of a cluster. */
    private static final int REPLICAS_NOT_SUPPORTED = 10074;

    private static final Logger LOG = LoggerFactory.getLogger(Streams.class);

    private Streams() {}

    /** The event feed on one server. */
    public static StreamConfiguration events() {
        return events(Replicas.ONE);
    }

    /** The event feed: every event, replayable by any subscriber with its own consumer. */
    public static StreamConfiguration events(Replicas replicas) {
        return StreamConfiguration.builder()
                .name(Subjects.STREAM_EVENTS)
                .description("Handrail event feed")
                .subjects(Subjects.EVENTS_ALL)
                .retentionPolicy(RetentionPolicy.Limits)
                .storageType(StorageType.File)
                .replicas(replicas.count())
                .maxAge(EVENT_RETENTION)
                .duplicateWindow(DUPLICATE_WINDOW)
                .build();
    }

    /** The commands on one server. */
    public static StreamConfiguration commands() {
        return commands(Replicas.ONE);
    }

    /** Commands, held until the service they are for acknowledges them. */
    public static StreamConfiguration commands(Replicas replicas) {
        return StreamConfiguration.builder()
                .name(Subjects.STREAM_COMMANDS)
                .description("Handrail commands: plans, decisions, executions")
                .subjects(Subjects.POLICY_COMMANDS_ALL, Subjects.EXEC_ALL)
                .retentionPolicy(RetentionPolicy.WorkQueue)
                .storageType(StorageType.File)
                .replicas(replicas.count())
                .duplicateWindow(DUPLICATE_WINDOW)
                .build();
    }

    /**
     * The artifacts: an object store whose objects are forgotten after {@code maxAge} (its stream
     * is {@code OBJ_handrail_artifacts}, file storage, direct get allowed).
     */
    public static ObjectStoreConfiguration artifacts(Duration maxAge, Replicas replicas) {
        return ObjectStoreConfiguration.builder(Artifacts.BUCKET)
                .description("Handrail artifacts (screen captures), by action")
                .storageType(StorageType.File)
                .replicas(replicas.count())
                .ttl(maxAge)
                .build();
    }

    /** The API tokens' key-value bucket ({@link Subjects#TOKEN_BUCKET}, hashed tokens, five revisions kept). */
    public static KeyValueConfiguration tokens(Replicas replicas) {
        return KeyValueConfiguration.builder()
                .name(Subjects.TOKEN_BUCKET)
                .description("Handrail API tokens (hashed)")
                .storageType(StorageType.File)
                .replicas(replicas.count())
                .maxHistoryPerKey(5)
                .build();
    }

    /** Creates whichever stream or bucket is missing, on one server, artifacts kept for the default age. */
    public static void provision(Connection connection) {
        provision(connection, Artifacts.DEFAULT_MAX_AGE, Replicas.ONE);
    }

    /**
     * Creates whichever stream or bucket is missing with {@code replicas} copies, and raises the
     * copies of an existing one that has fewer ({@link #raiseReplicas}). Anything else about an
     * existing one stays as it is (an existing bucket keeps the age it was made with), and no count
     * is ever lowered: that is an operator's deliberate act (ADR 0028).
     */
    public static void provision(Connection connection, Duration artifactMaxAge, Replicas replicas) {
        try {
            JetStreamManagement jsm = connection.jetStreamManagement();
            List<String> existing = jsm.getStreamNames();
            for (StreamConfiguration config : List.of(
                    events(replicas),
                    commands(replicas),
                    artifacts(artifactMaxAge, replicas).getBackingConfig())) {
                if (existing.contains(config.getName())) {
                    raiseReplicas(jsm, config.getName(), replicas);
                } else {
                    addTolerantly(jsm, config);
                }
            }
        } catch (IOException | JetStreamApiException e) {
            throw failure("streams", replicas, e);
        }
    }

    /** Creates the token bucket with {@code replicas} copies if it is missing, or raises its copies as {@link #provision} does. */
    public static void provisionTokens(Connection connection, Replicas replicas) {
        try {
            KeyValueConfiguration config = tokens(replicas);
            if (connection.keyValueManagement().getBucketNames().contains(config.getBucketName())) {
                raiseReplicas(
                        connection.jetStreamManagement(),
                        config.getBackingConfig().getName(),
                        replicas);
            } else {
                connection.keyValueManagement().create(config);
            }
        } catch (JetStreamApiException e) {
            // Another instance created it between our look and our add (10058: stream name in use).
            if (e.getApiErrorCode() != STREAM_NAME_IN_USE) {
                throw failure("the token bucket", replicas, e);
            }
        } catch (IOException e) {
            throw failure("the token bucket", replicas, e);
        }
    }

    /**
     * Updates {@code stream} to {@code replicas} copies if it has fewer (JetStream copies it to the
     * new peers while it keeps serving). An identity that may read streams but not change them
     * (a service where NATS authenticates) cannot: that is logged and the stream is used as it is.
     */
    private static void raiseReplicas(JetStreamManagement jsm, String stream, Replicas replicas)
            throws IOException, JetStreamApiException {
        StreamConfiguration current = jsm.getStreamInfo(stream).getConfiguration();
        if (current.getReplicas() >= replicas.count()) {
            return;
        }
        try {
            jsm.updateStream(StreamConfiguration.builder(current)
                    .replicas(replicas.count())
                    .build());
            LOG.info("Stream {} now keeps {} copies (it kept {})", stream, replicas.count(), current.getReplicas());
        } catch (IOException | JetStreamApiException e) {
            if (e instanceof JetStreamApiException api && api.getApiErrorCode() == REPLICAS_NOT_SUPPORTED) {
                throw e;
            }
            LOG.warn(
                    "Stream {} keeps {} copies, {} are configured ({}), and this connection cannot change it: {}."
                            + " Provision as the admin identity (./handrail up does) or edit the stream.",
                    stream,
                    current.getReplicas(),
                    replicas.count(),
                    Replicas.ENV,
                    e.getMessage());
        }
    }

    private static BusException failure(String what, Replicas replicas, Exception e) {
        String hint = e instanceof JetStreamApiException api && api.getApiErrorCode() == REPLICAS_NOT_SUPPORTED
                ? " (" + Replicas.ENV + "=" + replicas.count() + " needs a NATS cluster of at least " + replicas.count()
                        + " servers with JetStream)"
                : "";
        return new BusException("Cannot provision JetStream " + what + ": " + e.getMessage() + hint, e);
    }

    private static void addTolerantly(JetStreamManagement jsm, StreamConfiguration config)
            throws IOException, JetStreamApiException {
        try {
            jsm.addStream(config);
        } catch (JetStreamApiException e) {
            // Another instance created it between our look and our add.
            if (e.getApiErrorCode() != STREAM_NAME_IN_USE) {
                throw e;
            }
        }
    }
}
