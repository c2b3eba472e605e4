package dev.handrail.bus;

import dev.handrail.bus.logging.LogContext;
import dev.handrail.bus.tracing.Tracing;
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
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Scope;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
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
 *
 * <p>Traces: an envelope is published naming the current span (or, when none is current, the
 * span its cause named) in the W3C {@code traceparent} header and the envelope's extension of the
 * same name; each consumed envelope is handled in a span that is a child of the one that sent it
 * (a new trace when it names none), current while the handler runs and ended when its stage
 * completes (docs/adr/0031-traces-over-nats-headers.md).
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

    /**
     * How long {@link #publish} keeps sending a message JetStream did not store: a cluster that lost
     * a stream's leader elects another within seconds, and the duplicate window
     * ({@link Streams#DUPLICATE_WINDOW}) is far longer.
     */
    public static final Duration PUBLISH_PATIENCE = Duration.ofSeconds(30);

    /** How long one attempt waits for JetStream's acknowledgement before sending again. */
    private static final Duration PUBLISH_ATTEMPT_TIMEOUT = Duration.ofSeconds(5);

    private static final Duration PUBLISH_RETRY_MAX_DELAY = Duration.ofSeconds(2);

    /**
     * How long one pull request of a consumer stands. A pull request lives only on the server that
     * leads the consumer: when that server is lost, the client notices by the missing heartbeats
     * (half this, three missed) and pulls again from the new leader. jnats' default of 30 s left a
     * consumer idle for over a minute after losing a cluster's server; an idle re-pull every few
     * seconds costs next to nothing. The same holds for a restarted single nats-server, which forgets
     * the pulls it held: with the default the executor took 90 s to take a command again
     * (docs/reliability.md).
     */
    static final Duration PULL_EXPIRY = Duration.ofSeconds(4);

    private static final Logger LOG = LoggerFactory.getLogger(Bus.class);
    private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(10);

    private final Connection connection;
    private final Connection responder;
    private final JetStream jetStream;
    private final String source;
    private final List<MessageConsumer> consumers = new CopyOnWriteArrayList<>();
    /** The durables this bus consumes now, each with its stream, for {@link #consumerLag()}. */
    private final Map<String, String> durables = new java.util.concurrent.ConcurrentHashMap<>();

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

    /**
     * Creates the streams and the artifacts bucket (keeping artifacts {@code artifactMaxAge}) with
     * {@code replicas} copies if they are missing, and raises the copies of those that have fewer.
     */
    public void provision(Duration artifactMaxAge, Replicas replicas) {
        Streams.provision(connection, artifactMaxAge, replicas);
    }

    /**
     * Publishes to JetStream; completes when the server has stored it, or fails with
     * {@link MessageTooLargeException} when the envelope is larger than the server carries. While
     * JetStream cannot store it (no stream leader while a cluster elects one, a connection moving
     * to another server), it is sent again with the same {@code Nats-Msg-Id}, so the stream keeps
     * one copy however many attempts reached it, for up to {@link #PUBLISH_PATIENCE}.
     */
    public CompletableFuture<PublishAck> publish(String subject, Envelope envelope) {
        return publish(subject, envelope, envelope.id());
    }

    /**
     * {@link #publish(String, Envelope)}, but JetStream drops it as a duplicate of any message
     * published with the same {@code deduplicationId} within {@link Streams#DUPLICATE_WINDOW}
     * (the ack then says {@link PublishAck#isDuplicate()}), whatever its own id: for messages of
     * which only the first may stand, such as the outcome of an action.
     */
    public CompletableFuture<PublishAck> publish(String subject, Envelope envelope, String deduplicationId) {
        String current = Tracing.currentTraceparent();
        Envelope traced = current == null ? envelope : envelope.withTraceparent(current);
        String tracestate = current == null ? null : Tracing.currentTracestate();
        byte[] data = traced.toBytes();
        long size = (long) data.length
                + headers(traced, deduplicationId, tracestate).serializedLength();
        if (size > maxPayload()) {
            return CompletableFuture.failedFuture(new MessageTooLargeException(subject, size, maxPayload()));
        }
        CompletableFuture<PublishAck> stored = new CompletableFuture<>();
        attempt(
                subject,
                traced,
                deduplicationId,
                tracestate,
                data,
                1,
                System.nanoTime() + PUBLISH_PATIENCE.toNanos(),
                stored);
        return stored;
    }

    private static Headers headers(Envelope envelope, String deduplicationId, @Nullable String tracestate) {
        Headers headers = new Headers().put("Nats-Msg-Id", deduplicationId);
        if (envelope.subject() != null) {
            headers.put(ACTION_HEADER, envelope.subject());
        }
        if (envelope.traceparent() != null) {
            headers.put(Tracing.TRACEPARENT, envelope.traceparent());
            if (tracestate != null) {
                headers.put(Tracing.TRACESTATE, tracestate);
            }
        }
        return headers;
    }

    /** One attempt to have {@code envelope} stored; on a failure that another attempt may cure, schedules the next. */
    private void attempt(
            String subject,
            Envelope envelope,
            String deduplicationId,
            @Nullable String tracestate,
            byte[] data,
            int attempt,
            long deadline,
            CompletableFuture<PublishAck> stored) {
        CompletableFuture<PublishAck> ack;
        try {
            ack = jetStream.publishAsync(subject, headers(envelope, deduplicationId, tracestate), data);
        } catch (RuntimeException e) {
            ack = CompletableFuture.failedFuture(e);
        }
        ack.orTimeout(PUBLISH_ATTEMPT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).whenComplete((done, failure) -> {
            if (failure == null) {
                if (attempt > 1) {
                    LOG.info("JetStream stored {} {} on attempt {}", envelope.type(), envelope.id(), attempt);
                }
                stored.complete(done);
                return;
            }
            Throwable cause =
                    failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
            long delay = Math.min(PUBLISH_RETRY_MAX_DELAY.toMillis(), 100L << Math.min(attempt, 5));
            boolean again = !(cause instanceof JetStreamApiException)
                    && connection.getStatus() != Connection.Status.CLOSED
                    && System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(delay) < deadline;
            if (!again) {
                // A BusException, whatever the cause, so a client is told the system is unavailable
                // (503, try again) rather than that something broke.
                stored.completeExceptionally(new BusException(
                        "JetStream did not store " + envelope.type() + " " + envelope.id() + " on " + subject
                                + " after " + attempt + " attempt(s): " + cause,
                        cause));
                return;
            }
            if (attempt == 1) {
                LOG.warn(
                        "JetStream did not store {} {} on {} ({}); sending it again with the same Nats-Msg-Id",
                        envelope.type(),
                        envelope.id(),
                        subject,
                        cause.toString());
            }
            CompletableFuture.delayedExecutor(delay, TimeUnit.MILLISECONDS)
                    .execute(() -> attempt(
                            subject, envelope, deduplicationId, tracestate, data, attempt + 1, deadline, stored));
        });
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
                    .expiresIn(PULL_EXPIRY.toMillis())
                    .build();
            MessageConsumer consumer = context.consume(options, message -> {
                if (wanted.test(message.getSubject())) {
                    dispatch(message, handler, unreadable);
                } else {
                    message.ack();
                }
            });
            consumers.add(consumer);
            durables.put(spec.durable(), spec.stream());
            return () -> {
                consumers.remove(consumer);
                durables.remove(spec.durable());
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
        Span span = Tracing.tracer()
                .spanBuilder("handle " + envelope.type())
                .setSpanKind(SpanKind.CONSUMER)
                .setParent(Tracing.extract(message.getHeaders(), envelope.traceparent()))
                .setAttribute("messaging.system", "nats")
                .setAttribute("messaging.destination.name", message.getSubject())
                .setAttribute("messaging.message.id", envelope.id())
                .setAttribute("handrail.subject", envelope.subject())
                .startSpan();
        try (Scope current = span.makeCurrent();
                LogContext about = LogContext.of(envelope).trace(Tracing.currentTraceId())) {
            settle(
                    message,
                    envelope.type() + " " + envelope.subject(),
                    () -> handler.handle(envelope, new Delivery(message)),
                    span);
        }
    }

    private void settle(Message message, String what, Supplier<CompletionStage<?>> handling) {
        settle(message, what, handling, Span.getInvalid());
    }

    /**
     * Runs a handler and acknowledges the message when its stage succeeds, or naks it with a
     * back-off; {@code span} ends then.
     */
    private void settle(Message message, String what, Supplier<CompletionStage<?>> handling, Span span) {
        inFlight.incrementAndGet();
        Map<String, String> logContext = LogContext.capture();
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
                    span.setStatus(StatusCode.ERROR, String.valueOf(failure.getMessage()));
                    long attempt = message.metaData().deliveredCount();
                    try (LogContext about = LogContext.restore(logContext)) {
                        LOG.warn("Handling {} failed on delivery {}; it will be redelivered", what, attempt, failure);
                    }
                    message.nakWithDelay(backoff(attempt));
                }
            } finally {
                span.end();
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

    /** How far one durable consumer of this service is behind: messages not yet delivered, and delivered but not acknowledged. */
    public record ConsumerLag(String stream, String durable, long pending, long ackPending) {}

    /**
     * The lag of every durable this bus consumes now, read from JetStream (one request each); a
     * durable whose state cannot be read now is left out.
     */
    public List<ConsumerLag> consumerLag() {
        List<ConsumerLag> lag = new java.util.ArrayList<>();
        durables.forEach((durable, stream) -> {
            try {
                var info = connection.jetStreamManagement().getConsumerInfo(stream, durable);
                lag.add(new ConsumerLag(stream, durable, info.getNumPending(), info.getNumAckPending()));
            } catch (IOException | JetStreamApiException | RuntimeException e) {
                LOG.debug("Cannot read the state of consumer {} on {}: {}", durable, stream, e.toString());
            }
        });
        return lag;
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
