package dev.handrail.bus;

import dev.handrail.contracts.error.ErrorCode;
import dev.handrail.contracts.json.Json;
import dev.handrail.contracts.message.Envelope;
import dev.handrail.contracts.query.Reply;
import io.nats.client.Connection;
import io.nats.client.ConsumeOptions;
import io.nats.client.ConsumerContext;
import io.nats.client.Dispatcher;
import io.nats.client.JetStream;
import io.nats.client.JetStreamApiException;
import io.nats.client.Message;
import io.nats.client.MessageConsumer;
import io.nats.client.Subscription;
import io.nats.client.api.AckPolicy;
import io.nats.client.api.ConsumerConfiguration;
import io.nats.client.api.DeliverPolicy;
import io.nats.client.api.PublishAck;
import io.nats.client.api.ServerInfo;
import io.nats.client.impl.Headers;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One service's door to NATS: publishes envelopes to JetStream with {@code Nats-Msg-Id} set to
 * the envelope id (so a republish is dropped), runs durable pull consumers that acknowledge only
 * after the handler's work is done, and does JSON request-reply. Thread-safe; the connection
 * belongs to whoever created it and is not closed here. {@link #close()} stops consuming and
 * waits for in-flight handlers, so a shutdown drains rather than drops.
 */
public final class Bus implements AutoCloseable {

    /**
     * Header naming the action a message is about (the envelope's subject), so a subscriber can
     * skip messages it does not wait for without parsing them.
     */
    public static final String ACTION_HEADER = "Handrail-Action-Id";

    /** Room kept for the envelope, the ids and the record fields around a body a message carries. */
    public static final int ENVELOPE_ALLOWANCE_BYTES = 64 * 1024;

    /** nats-server's own default {@code max_payload}, assumed while no server has said its own. */
    private static final long DEFAULT_MAX_PAYLOAD = 1024 * 1024;

    private static final Logger LOG = LoggerFactory.getLogger(Bus.class);
    private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(10);
    /**
     * How long one pull of a durable consumer waits on the server. A restarted nats-server forgets the
     * pulls it held, and the client learns it only when the pull's idle heartbeats (half this) stop
     * coming three times over: with jnats' default of 30 s the executor took 90 s to take a command
     * again after a restart of nats-server (docs/reliability.md); with 5 s it takes a few seconds,
     * for one small pull request per consumer every 5 s when idle.
     */
    static final Duration PULL_EXPIRES = Duration.ofSeconds(5);

    private final Connection connection;
    private final Connection responder;
    private final JetStream jetStream;
    private final String source;
    private final List<MessageConsumer> consumers = new CopyOnWriteArrayList<>();
    private volatile @Nullable Dispatcher dispatcher;
    private volatile @Nullable Dispatcher responderDispatcher;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final ExecutorService blocking = Executors.newVirtualThreadPerTaskExecutor();

    /**
     * @param source the CloudEvents {@code source} of what this service publishes, e.g.
     *               {@code /handrail/policy-service/01J...}
     */
    public Bus(Connection connection, String source) {
        this(connection, connection, source);
    }

    /**
     * @param responder the connection queries are answered on ({@link #respond}); may be
     *                  {@code connection} itself
     */
    public Bus(Connection connection, Connection responder, String source) {
        this.connection = connection;
        this.responder = responder;
        this.source = source;
        try {
            this.jetStream = connection.jetStream();
        } catch (IOException e) {
            throw new BusException("JetStream is not available on this connection", e);
        }
    }

    public String source() {
        return source;
    }

    public Connection connection() {
        return connection;
    }

    /** Creates the streams and the artifacts bucket if they are missing. */
    public void provision() {
        Streams.provision(connection);
    }

    /** Creates the streams and the artifacts bucket (keeping artifacts {@code artifactMaxAge}) if they are missing. */
    public void provision(Duration artifactMaxAge) {
        Streams.provision(connection, artifactMaxAge);
    }

    /**
     * Publishes to JetStream; completes when the server has stored it, or fails with
     * {@link MessageTooLargeException} when the envelope is larger than the server carries.
     */
    public CompletableFuture<PublishAck> publish(String subject, Envelope envelope) {
        Headers headers = new Headers().put("Nats-Msg-Id", envelope.id());
        if (envelope.subject() != null) {
            headers.put(ACTION_HEADER, envelope.subject());
        }
        byte[] data = envelope.toBytes();
        long size = (long) data.length + headers.serializedLength();
        if (size > maxPayload()) {
            return CompletableFuture.failedFuture(new MessageTooLargeException(subject, size, maxPayload()));
        }
        return jetStream.publishAsync(subject, headers, data);
    }

    /** The largest message the NATS server carries ({@code max_payload}, 1 MiB unless configured otherwise). */
    public long maxPayload() {
        ServerInfo server = connection.getServerInfo();
        return server == null || server.getMaxPayload() <= 0 ? DEFAULT_MAX_PAYLOAD : server.getMaxPayload();
    }

    /**
     * The largest request body a service takes in to pass on: what NATS carries less
     * {@link #ENVELOPE_ALLOWANCE_BYTES} for the envelope and record around it.
     */
    public long largestBody() {
        return maxPayload() - ENVELOPE_ALLOWANCE_BYTES;
    }

    /**
     * Starts a durable pull consumer. Each message is parsed and handed to {@code handler};
     * it is acknowledged when the handler's stage succeeds, redelivered after a back-off when
     * it fails, and terminated when it is not an envelope at all (it never will be).
     */
    public Consuming consume(DurableSpec spec, EnvelopeHandler handler) {
        return consume(spec, subject -> true, handler);
    }

    /**
     * {@link #consume(DurableSpec, EnvelopeHandler)}, but a message that is not an envelope goes to
     * {@code unreadable} instead of being terminated, with its bytes and why it could not be read.
     */
    public Consuming consume(DurableSpec spec, EnvelopeHandler handler, UnreadableHandler unreadable) {
        return consume(spec, subject -> true, handler, unreadable);
    }

    /**
     * {@link #consume(DurableSpec, EnvelopeHandler)}, but a message whose subject {@code wanted}
     * refuses is acknowledged unread: for a consumer that needs a few of the subjects its filter
     * takes in, so it does not parse the rest.
     */
    public Consuming consume(DurableSpec spec, Predicate<String> wanted, EnvelopeHandler handler) {
        return consume(spec, wanted, handler, null);
    }

    /** @param unreadable where messages that are not envelopes go; null: they are terminated */
    private Consuming consume(
            DurableSpec spec,
            Predicate<String> wanted,
            EnvelopeHandler handler,
            @Nullable UnreadableHandler unreadable) {
        ConsumerConfiguration config = ConsumerConfiguration.builder()
                .durable(spec.durable())
                .filterSubject(spec.filterSubject())
                .ackPolicy(AckPolicy.Explicit)
                .deliverPolicy(spec.fromNow() ? DeliverPolicy.New : DeliverPolicy.All)
                .ackWait(spec.ackWait())
                .maxDeliver(spec.maxDeliver())
                .maxAckPending(spec.maxAckPending())
                .build();
        try {
            ConsumerContext context = connection.getStreamContext(spec.stream()).createOrUpdateConsumer(config);
            ConsumeOptions options = ConsumeOptions.builder()
                    .batchSize(spec.batchSize())
                    .expiresIn(PULL_EXPIRES.toMillis())
                    .build();
            MessageConsumer consumer = context.consume(options, message -> {
                if (wanted.test(message.getSubject())) {
                    dispatch(message, handler, unreadable);
                } else {
                    message.ack();
                }
            });
            consumers.add(consumer);
            return () -> {
                consumers.remove(consumer);
                try {
                    consumer.close();
                } catch (Exception e) {
                    LOG.warn("Closing consumer {} failed: {}", spec.durable(), e.toString());
                }
            };
        } catch (IOException | JetStreamApiException e) {
            throw new BusException("Cannot start consumer " + spec.durable() + ": " + e.getMessage(), e);
        }
    }

    private void dispatch(Message message, EnvelopeHandler handler, @Nullable UnreadableHandler unreadable) {
        Envelope envelope;
        try {
            envelope = Envelope.parse(message.getData());
        } catch (RuntimeException e) {
            if (unreadable == null) {
                LOG.warn(
                        "Terminating a message on {} that is not an envelope: {}",
                        message.getSubject(),
                        e.getMessage());
                message.term();
            } else {
                settle(
                        message,
                        "a message that is not an envelope",
                        () -> unreadable.handle(message.getData(), new Delivery(message), e));
            }
            return;
        }
        settle(
                message,
                envelope.type() + " " + envelope.subject(),
                () -> handler.handle(envelope, new Delivery(message)));
    }

    /** Runs a handler and acknowledges the message when its stage succeeds, or naks it with a back-off. */
    private void settle(Message message, String what, Supplier<CompletionStage<?>> handling) {
        inFlight.incrementAndGet();
        CompletionStage<?> stage;
        try {
            stage = handling.get();
        } catch (RuntimeException e) {
            stage = CompletableFuture.failedFuture(e);
        }
        stage.whenComplete((ignored, failure) -> {
            try {
                if (failure == null) {
                    message.ack();
                } else {
                    long attempt = message.metaData().deliveredCount();
                    LOG.warn("Handling {} failed on delivery {}; it will be redelivered", what, attempt, failure);
                    message.nakWithDelay(backoff(attempt));
                }
            } finally {
                inFlight.decrementAndGet();
            }
        });
    }

    private static Duration backoff(long attempt) {
        return Duration.ofMillis(Math.min(5_000, 100L << Math.min(attempt, 6)));
    }

    /**
     * Subscribes with core NATS (no persistence), e.g. for heartbeats or a live tap of the feed.
     * All core subscriptions share one dispatcher thread, so a handler must be quick.
     */
    public void listen(String subject, Consumer<Message> handler) {
        dispatcher().subscribe(subject, handler::accept);
    }

    /**
     * The one dispatcher of this bus. Each jnats dispatcher holds a thread of the connection's
     * executor for good; one per subscription would exhaust a small fixed pool silently.
     */
    private synchronized Dispatcher dispatcher() {
        if (dispatcher == null) {
            dispatcher = connection.createDispatcher();
        }
        return dispatcher;
    }

    // Identity on purpose: the responder is either this very connection or one of its own.
    @SuppressWarnings("ReferenceEquality")
    private synchronized Dispatcher responderDispatcher() {
        if (responder == connection) {
            return dispatcher();
        }
        if (responderDispatcher == null) {
            responderDispatcher = responder.createDispatcher();
        }
        return responderDispatcher;
    }

    /** Sends a query and parses the reply; fails with {@link BusException} when nobody answers in time. */
    public CompletableFuture<Reply> request(String subject, Object query, Duration timeout) {
        byte[] data = Json.bytes(query);
        if (data.length > maxPayload()) {
            return CompletableFuture.failedFuture(new MessageTooLargeException(subject, data.length, maxPayload()));
        }
        return connection
                .requestWithTimeout(subject, data, timeout)
                .thenApply(reply -> Json.read(reply.getData(), Reply.class))
                .exceptionallyCompose(failure -> CompletableFuture.failedFuture(new BusException(
                        "No answer on " + subject + " within " + timeout.toMillis() + " ms", failure)));
    }

    /**
     * Answers queries on {@code subject} as part of {@code queue}, on the responder connection;
     * the handler may block (it runs on a virtual thread), and any exception it throws is
     * answered as an {@code INTERNAL} error.
     */
    public <Q> Answering respond(String subject, String queue, Class<Q> type, Function<Q, Reply> handler) {
        Dispatcher d = responderDispatcher();
        Subscription subscription =
                d.subscribe(subject, queue, message -> blocking.execute(() -> answer(message, type, handler)));
        return () -> d.unsubscribe(subscription);
    }

    /**
     * A running consumer ({@link #consume}); {@link #close()} stops it at once: messages delivered
     * but not acknowledged are redelivered to whoever consumes the durable next (it stays).
     */
    @FunctionalInterface
    public interface Consuming extends AutoCloseable {
        @Override
        void close();
    }

    /** Queries being answered ({@link #respond}); {@link #close()} stops answering them. */
    @FunctionalInterface
    public interface Answering extends AutoCloseable {
        @Override
        void close();
    }

    private <Q> void answer(Message message, Class<Q> type, Function<Q, Reply> handler) {
        Reply reply;
        try {
            reply = handler.apply(Json.read(message.getData(), type));
        } catch (Json.JsonException e) {
            reply = Reply.error(ErrorCode.BAD_QUERY, e.getMessage());
        } catch (RuntimeException e) {
            LOG.error("Query on {} failed", message.getSubject(), e);
            reply = Reply.error(ErrorCode.INTERNAL, "The query failed: " + e.getMessage());
        }
        if (message.getReplyTo() != null) {
            responder.publish(message.getReplyTo(), Json.bytes(reply));
        }
    }

    /** Stops taking new messages, waits for in-flight handlers, then unsubscribes. */
    @Override
    public void close() {
        consumers.forEach(MessageConsumer::stop);
        long deadline = System.nanoTime() + DRAIN_TIMEOUT.toNanos();
        while (inFlight.get() > 0 && System.nanoTime() < deadline) {
            try {
                TimeUnit.MILLISECONDS.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        if (inFlight.get() > 0) {
            LOG.warn(
                    "{} messages still in flight after {}; JetStream will redeliver them",
                    inFlight.get(),
                    DRAIN_TIMEOUT);
        }
        if (responderDispatcher != null) {
            responder.closeDispatcher(responderDispatcher);
        }
        if (dispatcher != null) {
            connection.closeDispatcher(dispatcher);
        }
        blocking.shutdown();
    }
}
