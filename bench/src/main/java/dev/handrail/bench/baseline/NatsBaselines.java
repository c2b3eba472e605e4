package dev.handrail.bench.baseline;

import dev.handrail.bench.load.ClosedLoop;
import dev.handrail.bench.stats.Measurement;
import io.nats.client.Connection;
import io.nats.client.Dispatcher;
import io.nats.client.JetStream;
import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamManagement;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.nats.client.api.RetentionPolicy;
import io.nats.client.api.StorageType;
import io.nats.client.api.StreamConfiguration;
import io.nats.client.impl.Headers;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Recorder;

/**
 * The raw NATS baselines on the system's own nats-server: request-reply to an echo responder
 * that answers from its dispatcher thread (no work at all), and JetStream publish-with-ack to a
 * scratch stream configured like Handrail's (file storage, a duplicate window, a
 * {@code Nats-Msg-Id} per message). Owns two connections, one per side, as two services would.
 */
public final class NatsBaselines implements AutoCloseable {

    /** Subject of the echo responder. */
    public static final String ECHO = "bench.echo";

    static final String STREAM = "BENCH_RAW";
    static final String JS_SUBJECT = "bench.raw.publish";

    private final Connection responder;
    private final Connection requester;

    private NatsBaselines(Connection responder, Connection requester) {
        this.responder = responder;
        this.requester = requester;
    }

    /** Connects, starts the echo responder and creates the scratch stream. */
    public static NatsBaselines start(String natsUrl) {
        try {
            Connection responder = Nats.connect(options(natsUrl, "bench-echo"));
            Dispatcher echo = responder.createDispatcher(m -> responder.publish(m.getReplyTo(), m.getData()));
            echo.subscribe(ECHO);
            responder.flush(Duration.ofSeconds(5));
            Connection requester = Nats.connect(options(natsUrl, "bench-requester"));
            JetStreamManagement jsm = requester.jetStreamManagement();
            jsm.addStream(StreamConfiguration.builder()
                    .name(STREAM)
                    .subjects(JS_SUBJECT)
                    .retentionPolicy(RetentionPolicy.Limits)
                    .storageType(StorageType.File)
                    .duplicateWindow(Duration.ofMinutes(2))
                    .build());
            return new NatsBaselines(responder, requester);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot connect to " + natsUrl, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (JetStreamApiException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("Cannot set up the NATS baselines: " + e.getMessage(), e);
        }
    }

    static Options options(String natsUrl, String name) {
        return Options.builder()
                .server(natsUrl)
                .connectionName(name)
                .maxReconnects(-1)
                .build();
    }

    /** The requesting side's connection (also used for the policy decision hop, so both go the same way). */
    public Connection requester() {
        return requester;
    }

    /** Request-reply to the echo responder with {@code payload}, {@code shape.clients()} in flight. */
    public Measurement requestReply(String name, ClosedLoop.Shape shape, byte[] payload, ClosedLoop.Probe probe) {
        return NatsRequests.run(name, requester, ECHO, payload, shape, reply -> true, probe);
    }

    /**
     * Publishes to JetStream with up to {@code inFlight} messages waiting for their ack, for the
     * warm-up and then the measured window (or {@code maxMessages}); latency is publish to ack.
     */
    public Measurement jetStreamPublish(
            String name, int inFlight, Duration warmUp, Duration measure, long maxMessages, byte[] payload) {
        JetStream js;
        try {
            js = requester.jetStream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Recorder recorder = new Recorder(Duration.ofHours(1).toNanos(), 3);
        LongAdder errors = new LongAdder();
        Semaphore window = new Semaphore(inFlight);
        AtomicLong sequence = new AtomicLong();
        long start = System.nanoTime();
        long measureFrom = start + warmUp.toNanos();
        long measureUntil = measureFrom + measure.toNanos();
        long measured = 0;
        long now = start;
        while (now < measureUntil && measured < maxMessages) {
            acquire(window);
            boolean counted = now >= measureFrom;
            if (counted) {
                measured++;
            }
            long t0 = System.nanoTime();
            Headers headers = new Headers().put("Nats-Msg-Id", "bench-" + start + "-" + sequence.incrementAndGet());
            js.publishAsync(JS_SUBJECT, headers, payload).whenComplete((ack, failure) -> {
                if (counted) {
                    if (failure == null) {
                        recorder.recordValue(System.nanoTime() - t0);
                    } else {
                        errors.increment();
                    }
                }
                window.release();
            });
            now = System.nanoTime();
        }
        acquire(window, inFlight);
        long end = Math.min(System.nanoTime(), measureUntil);
        return Measurement.of(
                name, recorder.getIntervalHistogram(), errors.sum(), Duration.ofNanos(Math.max(1, end - measureFrom)));
    }

    private static void acquire(Semaphore window) {
        acquire(window, 1);
    }

    private static void acquire(Semaphore window, int permits) {
        try {
            window.acquire(permits);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while publishing", e);
        }
    }

    @Override
    public void close() {
        try {
            requester.jetStreamManagement().deleteStream(STREAM);
        } catch (IOException | JetStreamApiException e) {
            // the scratch stream goes with the server anyway
        }
        try {
            requester.close();
            responder.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
