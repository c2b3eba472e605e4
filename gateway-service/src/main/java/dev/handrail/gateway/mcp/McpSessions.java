package dev.handrail.gateway.mcp;

import dev.handrail.gateway.auth.Caller;
import io.micronaut.context.annotation.Value;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.sse.Event;
import io.micronaut.scheduling.annotation.Scheduled;
import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.TypeRef;
import io.modelcontextprotocol.spec.HttpHeaders;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpStreamableServerSession;
import io.modelcontextprotocol.spec.McpStreamableServerTransport;
import io.modelcontextprotocol.spec.McpStreamableServerTransportProvider;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * The MCP Streamable HTTP transport on the gateway's own HTTP server: the SDK's protocol sessions
 * ({@link McpStreamableServerSession}) fed from {@code POST /mcp} and answered over Server-Sent
 * Events. Each session belongs to the principal whose token opened it: a request naming another
 * principal's session is answered as if the session did not exist. A request's answer stream is
 * the request's lifetime: when the client cancels the request ({@code notifications/cancelled}) or
 * closes the stream, the handler's work is cancelled (a waiting tool call withdraws its action).
 * Sessions are bounded: a principal holds at most {@code handrail.mcp.max-sessions-per-principal}
 * (opening one more ends its least recently used), and a session with no request, stream or call
 * for {@code handrail.mcp.session-idle} is ended, so clients that never say goodbye cost nothing.
 */
@Singleton
public class McpSessions implements McpStreamableServerTransportProvider {

    /** The transport-context key under which each message's {@link Caller} travels to the handlers. */
    public static final String CALLER = "handrail.caller";

    private static final Logger LOG = LoggerFactory.getLogger(McpSessions.class);
    private static final Duration KEEP_ALIVE = Duration.ofSeconds(15);
    private static final String CANCELLED = "notifications/cancelled";

    /** One open session, its owner, and when it was last used (a request, or an open stream). */
    private static final class Held {
        private final McpStreamableServerSession session;
        private final String principal;
        private final AtomicInteger streams = new AtomicInteger();
        private volatile long lastUsed = System.nanoTime();

        Held(McpStreamableServerSession session, String principal) {
            this.session = session;
            this.principal = principal;
        }

        McpStreamableServerSession session() {
            return session;
        }

        String principal() {
            return principal;
        }

        Held touch() {
            lastUsed = System.nanoTime();
            return this;
        }
    }

    private final McpJsonMapper json;
    private final int maxPerPrincipal;
    private final Duration idle;
    private final Map<String, Held> sessions = new ConcurrentHashMap<>();
    private final Map<String, Disposable> calls = new ConcurrentHashMap<>();
    private volatile McpStreamableServerSession.Factory factory;
    private volatile boolean closing;

    public McpSessions(
            McpJsonMapper json,
            @Value("${handrail.mcp.max-sessions-per-principal:32}") int maxPerPrincipal,
            @Value("${handrail.mcp.session-idle:30m}") Duration idle) {
        this.json = json;
        this.maxPerPrincipal = Math.max(1, maxPerPrincipal);
        this.idle = idle;
    }

    /** Ends the sessions nobody has used for {@code handrail.mcp.session-idle}. */
    @Scheduled(fixedDelay = "${handrail.mcp.session-sweep:1m}")
    void endIdleSessions() {
        long now = System.nanoTime();
        sessions.forEach((id, held) -> {
            if (held.streams.get() == 0 && !hasCalls(id) && now - held.lastUsed > idle.toNanos()) {
                LOG.info("Ending MCP session {} of {}: unused for {}", id, held.principal(), idle);
                end(id, held);
            }
        });
    }

    /** Makes room for one more session of {@code principal}: its least recently used ones beyond the bound end. */
    private void makeRoom(String principal) {
        List<Map.Entry<String, Held>> own = sessions.entrySet().stream()
                .filter(e -> e.getValue().principal().equals(principal))
                .sorted(Comparator.comparingLong(e -> e.getValue().lastUsed))
                .toList();
        for (int i = 0; i <= own.size() - maxPerPrincipal; i++) {
            Map.Entry<String, Held> oldest = own.get(i);
            LOG.info(
                    "Ending MCP session {} of {}: it holds {} sessions, the most it may",
                    oldest.getKey(),
                    principal,
                    maxPerPrincipal);
            end(oldest.getKey(), oldest.getValue());
        }
    }

    /** Whether a request of the session is still being answered. */
    boolean hasCalls(String sessionId) {
        return calls.keySet().stream().anyMatch(key -> key.startsWith(sessionId + " "));
    }

    /** Ends a session: forgets it, cancels its calls (withdrawing waiting actions) and closes it in the SDK. */
    private Mono<Void> end(String sessionId, Held held) {
        if (!sessions.remove(sessionId, held)) {
            return Mono.empty();
        }
        calls.entrySet().removeIf(call -> {
            if (call.getKey().startsWith(sessionId + " ")) {
                call.getValue().dispose();
                return true;
            }
            return false;
        });
        Mono<Void> closed =
                held.session().delete().onErrorResume(e -> Mono.empty()).cache();
        closed.subscribe();
        return closed;
    }

    @Override
    public void setSessionFactory(McpStreamableServerSession.Factory factory) {
        this.factory = factory;
    }

    @Override
    public Mono<Void> notifyClients(String method, Object params) {
        return Flux.fromIterable(sessions.keySet())
                .flatMap(id -> notifyClient(id, method, params))
                .then();
    }

    @Override
    public Mono<Void> notifyClient(String sessionId, String method, Object params) {
        Held held = sessions.get(sessionId);
        if (held == null) {
            return Mono.empty();
        }
        return held.session().sendNotification(method, params).onErrorResume(e -> {
            LOG.debug("Could not notify MCP session {}: {}", sessionId, e.toString());
            return Mono.empty();
        });
    }

    /** The open sessions' ids with their principals. */
    public Map<String, String> principals() {
        Map<String, String> owners = new ConcurrentHashMap<>();
        sessions.forEach((id, held) -> owners.put(id, held.principal()));
        return owners;
    }

    @Override
    public Mono<Void> closeGracefully() {
        closing = true;
        return Flux.fromIterable(sessions.values())
                .flatMap(held -> held.session().closeGracefully().onErrorResume(e -> Mono.empty()))
                .then(Mono.fromRunnable(sessions::clear));
    }

    /** One {@code POST /mcp}: a JSON-RPC message from {@code caller}, in session {@code sessionId} unless it opens one. */
    Mono<HttpResponse<?>> post(Caller caller, String sessionId, String body, boolean streamable) {
        if (closing) {
            return Mono.just(error(
                    HttpStatus.SERVICE_UNAVAILABLE,
                    null,
                    McpSchema.ErrorCodes.INTERNAL_ERROR,
                    "The gateway is shutting down; reconnect to another one"));
        }
        McpSchema.JSONRPCMessage message;
        try {
            message = McpSchema.deserializeJsonRpcMessage(json, body == null ? "" : body);
        } catch (IOException | RuntimeException e) {
            // The SDK reads a message in one step and fails on anything that is not JSON-RPC.
            return Mono.just(error(
                    HttpStatus.BAD_REQUEST,
                    null,
                    McpSchema.ErrorCodes.PARSE_ERROR,
                    "The body is not one JSON-RPC 2.0 message: " + e.getMessage()));
        }
        McpTransportContext context = McpTransportContext.create(Map.of(CALLER, caller));
        if (message instanceof McpSchema.JSONRPCRequest request
                && McpSchema.METHOD_INITIALIZE.equals(request.method())) {
            return initialize(caller, request, context);
        }
        Object id = message instanceof McpSchema.JSONRPCRequest request ? request.id() : null;
        if (sessionId == null || sessionId.isBlank()) {
            return Mono.just(error(
                    HttpStatus.BAD_REQUEST,
                    id,
                    McpSchema.ErrorCodes.INVALID_REQUEST,
                    "Send the " + HttpHeaders.MCP_SESSION_ID
                            + " header the initialize answer gave, or initialize first"));
        }
        Held held = sessions.get(sessionId);
        if (held == null || !held.principal().equals(caller.principal())) {
            return Mono.just(error(
                    HttpStatus.NOT_FOUND,
                    id,
                    McpSchema.ErrorCodes.INVALID_REQUEST,
                    "No MCP session " + sessionId + "; initialize a new one"));
        }
        McpStreamableServerSession session = held.touch().session();
        return switch (message) {
            case McpSchema.JSONRPCNotification n
            when CANCELLED.equals(n.method()) -> {
                cancel(sessionId, n.params());
                yield Mono.just(HttpResponse.accepted());
            }
            case McpSchema.JSONRPCNotification n ->
                session.accept(n)
                        .contextWrite(c -> c.put(McpTransportContext.KEY, context))
                        .thenReturn(HttpResponse.accepted());
            case McpSchema.JSONRPCResponse r ->
                session.accept(r)
                        .contextWrite(c -> c.put(McpTransportContext.KEY, context))
                        .thenReturn(HttpResponse.accepted());
            case McpSchema.JSONRPCRequest r -> respond(sessionId, session, r, context, streamable);
            default ->
                Mono.just(error(
                        HttpStatus.BAD_REQUEST,
                        null,
                        McpSchema.ErrorCodes.INVALID_REQUEST,
                        "Not a JSON-RPC request, notification or response"));
        };
    }

    private Mono<HttpResponse<?>> initialize(
            Caller caller, McpSchema.JSONRPCRequest request, McpTransportContext context) {
        McpSchema.InitializeRequest init;
        try {
            init = json.convertValue(request.params(), new TypeRef<McpSchema.InitializeRequest>() {});
        } catch (IllegalArgumentException e) {
            return Mono.just(error(
                    HttpStatus.BAD_REQUEST,
                    request.id(),
                    McpSchema.ErrorCodes.INVALID_PARAMS,
                    "The initialize parameters do not read: " + e.getMessage()));
        }
        McpStreamableServerSession.McpStreamableServerSessionInit started = Objects.requireNonNull(
                        factory, "the MCP server is not built yet")
                .startSession(init);
        String sessionId = started.session().getId();
        makeRoom(caller.principal());
        sessions.put(sessionId, new Held(started.session(), caller.principal()));
        return started.initResult()
                .contextWrite(c -> c.put(McpTransportContext.KEY, context))
                .<HttpResponse<?>>map(
                        result -> HttpResponse.ok(json(McpSchema.JSONRPCResponse.result(request.id(), result)))
                                .contentType(MediaType.APPLICATION_JSON_TYPE)
                                .header(HttpHeaders.MCP_SESSION_ID, sessionId))
                .onErrorResume(e -> {
                    sessions.remove(sessionId);
                    return Mono.just(error(
                            HttpStatus.INTERNAL_SERVER_ERROR,
                            request.id(),
                            McpSchema.ErrorCodes.INTERNAL_ERROR,
                            "The session could not start: " + e.getMessage()));
                });
    }

    /**
     * Answers one request: as an event stream (progress notifications, then the response) when
     * the client accepts one, else as the single JSON response.
     */
    private Mono<HttpResponse<?>> respond(
            String sessionId,
            McpStreamableServerSession session,
            McpSchema.JSONRPCRequest request,
            McpTransportContext context,
            boolean streamable) {
        ResponseStream stream = new ResponseStream();
        String key = callKey(sessionId, request.id());
        Disposable.Swap work = Disposables.swap();
        // Cancelled by the client: the work stops and the answer stream ends, with no response.
        Disposable cancel = () -> {
            work.dispose();
            stream.close();
        };
        // Registered before the work starts: work that ends at once (a ping, an unknown tool)
        // removes it again, instead of leaving a call behind that keeps the session from idling out.
        calls.put(key, cancel);
        work.update(session.responseStream(request, stream)
                .contextWrite(c -> c.put(McpTransportContext.KEY, context))
                .doFinally(signal -> calls.remove(key, cancel))
                .subscribe(ignored -> {}, e -> {
                    LOG.warn("MCP request {} {} ended with {}", request.method(), request.id(), e.toString());
                    stream.close();
                }));
        Flux<McpSchema.JSONRPCMessage> messages = stream.messages().doOnCancel(work::dispose);
        if (!streamable) {
            return messages.filter(m -> m instanceof McpSchema.JSONRPCResponse)
                    .next()
                    .map(m -> HttpResponse.ok(json(m)).contentType(MediaType.APPLICATION_JSON_TYPE));
        }
        return Mono.just(eventStream(messages));
    }

    /** Messages as Server-Sent Events, with a comment every {@link #KEEP_ALIVE} while the stream is quiet. */
    private HttpResponse<?> eventStream(Flux<McpSchema.JSONRPCMessage> messages) {
        Sinks.Empty<Void> done = Sinks.empty();
        Flux<Event<String>> events =
                messages.map(m -> Event.of(json(m)).name("message")).doFinally(signal -> done.tryEmitEmpty());
        Flux<Event<String>> beats = Flux.interval(KEEP_ALIVE)
                .map(n -> Event.of("").comment("keep-alive"))
                .takeUntilOther(done.asMono());
        return HttpResponse.ok(Flux.merge(events, beats))
                .contentType(MediaType.TEXT_EVENT_STREAM_TYPE)
                .header("Cache-Control", "no-cache")
                .header("X-Accel-Buffering", "no");
    }

    /** {@code GET /mcp}: the session's stream of messages the server starts (tools/list_changed, ...). */
    HttpResponse<?> listen(Caller caller, String sessionId) {
        Held held = sessionId == null ? null : sessions.get(sessionId);
        if (held == null || !held.principal().equals(caller.principal())) {
            return error(
                    HttpStatus.NOT_FOUND,
                    null,
                    McpSchema.ErrorCodes.INVALID_REQUEST,
                    "No MCP session " + sessionId + "; initialize a new one");
        }
        ResponseStream stream = new ResponseStream();
        McpStreamableServerSession.McpStreamableServerSessionStream listening =
                held.touch().session().listeningStream(stream);
        held.streams.incrementAndGet();
        return eventStream(stream.messages().doFinally(signal -> {
            held.streams.decrementAndGet();
            held.touch();
            listening.close();
        }));
    }

    /** {@code DELETE /mcp}: the client ends its session. */
    Mono<HttpResponse<?>> delete(Caller caller, String sessionId) {
        Held held = sessionId == null ? null : sessions.get(sessionId);
        if (held == null || !held.principal().equals(caller.principal())) {
            return Mono.just(error(
                    HttpStatus.NOT_FOUND, null, McpSchema.ErrorCodes.INVALID_REQUEST, "No MCP session " + sessionId));
        }
        return end(sessionId, held).thenReturn(HttpResponse.noContent());
    }

    private void cancel(String sessionId, Object params) {
        Object requestId = params instanceof Map<?, ?> map ? map.get("requestId") : null;
        Disposable call = requestId == null ? null : calls.remove(callKey(sessionId, requestId));
        if (call != null) {
            LOG.debug("MCP session {} cancelled request {}", sessionId, requestId);
            call.dispose();
        }
    }

    private static String callKey(String sessionId, Object requestId) {
        // A JSON-RPC id is a string or a number; 7 and "7" are different ids.
        return sessionId + " " + (requestId instanceof String s ? "s:" + s : "n:" + requestId);
    }

    private String json(Object message) {
        try {
            return json.writeValueAsString(message);
        } catch (IOException e) {
            throw new IllegalStateException("An MCP message did not serialise", e);
        }
    }

    /** A JSON-RPC error answering request {@code id}, or no request ({@code id} null, which the SDK's own type refuses). */
    private HttpResponse<?> error(HttpStatus status, Object id, int code, String message) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("code", code);
        error.put("message", message);
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("jsonrpc", McpSchema.JSONRPC_VERSION);
        response.put("id", id);
        response.put("error", error);
        return HttpResponse.status(status)
                .contentType(MediaType.APPLICATION_JSON_TYPE)
                .body(json(response));
    }

    /** The messages of one answer stream, in the order they were sent, ending when the SDK closes it. */
    private final class ResponseStream implements McpStreamableServerTransport {

        private final Sinks.Many<McpSchema.JSONRPCMessage> sink =
                Sinks.many().unicast().onBackpressureBuffer();

        Flux<McpSchema.JSONRPCMessage> messages() {
            return sink.asFlux();
        }

        @Override
        public Mono<Void> sendMessage(McpSchema.JSONRPCMessage message) {
            return sendMessage(message, null);
        }

        @Override
        public Mono<Void> sendMessage(McpSchema.JSONRPCMessage message, String messageId) {
            return Mono.fromRunnable(() -> {
                synchronized (this) {
                    sink.tryEmitNext(message);
                }
            });
        }

        @Override
        public <T> T unmarshalFrom(Object data, TypeRef<T> type) {
            return json.convertValue(data, type);
        }

        @Override
        public Mono<Void> closeGracefully() {
            return Mono.fromRunnable(this::close);
        }

        @Override
        public void close() {
            synchronized (this) {
                sink.tryEmitComplete();
            }
        }
    }
}
