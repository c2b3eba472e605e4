package dev.handrail.bench.system;

import dev.handrail.contracts.Subjects;
import io.nats.client.Connection;
import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamManagement;
import io.nats.client.api.ConsumerInfo;
import io.nats.client.api.StreamInfoOptions;
import io.nats.client.api.Subject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * What the system still has to do: the messages every durable consumer of Handrail's streams
 * has not yet taken or not yet acknowledged. Zero means every command is done and every event
 * is stored, so the next scenario starts on a quiet system.
 */
public final class Backlog {

    private final JetStreamManagement jsm;

    public Backlog(Connection connection) {
        try {
            this.jsm = connection.jetStreamManagement();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Messages pending or unacknowledged, over every consumer of both streams. */
    public long outstanding() {
        long total = 0;
        for (String stream : List.of(Subjects.STREAM_COMMANDS, Subjects.STREAM_EVENTS)) {
            try {
                for (ConsumerInfo consumer : jsm.getConsumers(stream)) {
                    total += consumer.getNumPending() + consumer.getNumAckPending();
                }
            } catch (IOException | JetStreamApiException e) {
                throw new IllegalStateException("Cannot read the consumers of " + stream + ": " + e.getMessage(), e);
            }
        }
        return total;
    }

    /** Waits until nothing is outstanding (twice in a row); answers how long that took, or empty after {@code timeout}. */
    public Optional<Duration> awaitDrained(Duration timeout) {
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        int quiet = 0;
        while (System.nanoTime() < deadline) {
            quiet = outstanding() == 0 ? quiet + 1 : 0;
            if (quiet == 2) {
                return Optional.of(Duration.ofNanos(System.nanoTime() - start));
            }
            try {
                TimeUnit.MILLISECONDS.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    /** Messages in a stream, optionally only those on subjects matching {@code filter}. */
    public long messages(String stream, String filter) {
        try {
            List<Subject> subjects = jsm.getStreamInfo(stream, StreamInfoOptions.filterSubjects(filter))
                    .getStreamState()
                    .getSubjects();
            return subjects == null
                    ? 0
                    : subjects.stream().mapToLong(Subject::getCount).sum();
        } catch (IOException | JetStreamApiException e) {
            throw new IllegalStateException("Cannot read stream " + stream + ": " + e.getMessage(), e);
        }
    }
}
