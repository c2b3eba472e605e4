package dev.handrail.bus;

import dev.handrail.contracts.Subjects;
import io.nats.client.Connection;
import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamManagement;
import io.nats.client.api.RetentionPolicy;
import io.nats.client.api.StorageType;
import io.nats.client.api.StreamConfiguration;
import java.io.IOException;
import java.time.Duration;
import java.util.List;

/**
 * The two JetStream streams Handrail runs on, created if missing. Creating is idempotent, so
 * every service may provision at start-up whichever starts first.
 */
public final class Streams {

    /** How long the event feed is kept in JetStream for replay; the audit store keeps it for good. */
    public static final Duration EVENT_RETENTION = Duration.ofDays(7);
    /** Window in which a republished message with the same {@code Nats-Msg-Id} is dropped. */
    public static final Duration DUPLICATE_WINDOW = Duration.ofMinutes(2);

    private Streams() {
    }

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

    /** Creates whichever stream is missing; leaves existing ones as they are. */
    public static void provision(Connection connection) {
        try {
            JetStreamManagement jsm = connection.jetStreamManagement();
            List<String> existing = jsm.getStreamNames();
            for (StreamConfiguration config : List.of(events(), commands())) {
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
