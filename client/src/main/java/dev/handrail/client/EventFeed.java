package dev.handrail.client;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The live feed of stored events ({@code GET /v1/events/stream}, Server-Sent Events) read one
 * event at a time ({@link HandrailClient#events} offers the same feed as a
 * {@link java.util.concurrent.Flow.Publisher}). When the connection drops (the gateway restarts, a proxy times out) it
 * reconnects with {@code Last-Event-ID} set to the last seq it saw, after the server's
 * {@code retry} delay, and skips any seq it has already handed out, so the caller sees every
 * event exactly once and in seq order. Used by one thread; {@link #close()} may be called from
 * another to stop a blocked {@link #next()}.
 */
public final class EventFeed implements AutoCloseable {

    /** Filters of the feed: CloudEvents types (comma-separated), one action, one intent; null does not filter. */
    public record Filter(String types, String actionId, String intent) {

        public static Filter none() {
            return new Filter(null, null, null);
        }
    }

    /** What happened to the connection, for a caller that tells the user. */
    public enum ConnectionEvent {
        CONNECTED,
        DISCONNECTED
    }

    private static final Duration MAX_RETRY = Duration.ofSeconds(10);

    private final HandrailClient client;
    private final Filter filter;
    private final Long fromSeq;
    private volatile Consumer<ConnectionEvent> listener = e -> {};
    private volatile boolean closed;
    private volatile InputStream stream;
    private volatile ServerSentEvents events;
    /** The seq to resume after: the last event handed out, or a keep-alive's covered seq. */
    private String lastEventId;

    private long lastDelivered;
    private Duration retry = Duration.ofSeconds(2);
    private boolean everConnected;

    EventFeed(HandrailClient client, Filter filter, Long fromSeq) {
        this.client = client;
        this.filter = filter == null ? Filter.none() : filter;
        this.fromSeq = fromSeq;
    }

    /** Tells {@code listener} when the feed connects and when the connection drops. */
    public EventFeed onConnection(Consumer<ConnectionEvent> listener) {
        this.listener = listener;
        return this;
    }

    /** The seq of the last event handed out (0 before the first). */
    public long lastSeq() {
        return lastDelivered;
    }

    /**
     * The next event, waiting for it as long as it takes and reconnecting as needed; null once
     * closed. Throws {@link HandrailException} when the first connection cannot be made or the
     * gateway refuses the feed (a bad token, a role without it).
     */
    public StoredEvent next() {
        while (!closed) {
            try {
                if (events == null) {
                    connect();
                }
                StoredEvent event = readEvent();
                if (event == null) {
                    disconnected();
                    continue;
                }
                if (event.seq() <= lastDelivered) {
                    continue;
                }
                lastDelivered = event.seq();
                return event;
            } catch (IOException | HandrailException.Unreachable e) {
                if (closed) {
                    return null;
                }
                if (!everConnected) {
                    throw e instanceof HandrailException.Unreachable u
                            ? u
                            : new HandrailException.Unreachable("The feed broke off: " + e.getMessage(), e);
                }
                disconnected();
            }
        }
        return null;
    }

    private void disconnected() {
        closeStream();
        if (closed) {
            return;
        }
        listener.accept(ConnectionEvent.DISCONNECTED);
        HandrailClient.pause(retry);
    }

    private void connect() throws IOException {
        Map<String, Object> query = new LinkedHashMap<>();
        if (lastEventId == null && fromSeq != null) {
            query.put("from_seq", fromSeq);
        }
        query.put("type", filter.types());
        query.put("action_id", filter.actionId());
        query.put("intent", filter.intent());
        HttpRequest.Builder request = client.builder("/v1/events/stream" + HandrailClient.query(query))
                .timeout(Duration.ofDays(365))
                .header("Accept", "text/event-stream");
        if (lastEventId != null) {
            request.header("Last-Event-ID", lastEventId);
        }
        HttpResponse<InputStream> response =
                client.exchange(request.GET().build(), HttpResponse.BodyHandlers.ofInputStream());
        if (response.statusCode() != 200) {
            String body;
            try (InputStream in = response.body()) {
                body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            HandrailException.ApiError error = HandrailClient.error(
                    response.statusCode(), body.isBlank() ? Json.mapper().createObjectNode() : Json.parse(body));
            if (everConnected && response.statusCode() >= 500) {
                // A gateway coming back up may answer 503 for a moment; that is a dropped feed, not a refusal.
                throw new IOException(error.getMessage());
            }
            throw error;
        }
        stream = response.body();
        events = new ServerSentEvents(stream);
        if (closed) {
            // Closed while connecting: nobody else will close this stream.
            closeStream();
            return;
        }
        everConnected = true;
        listener.accept(ConnectionEvent.CONNECTED);
    }

    /** The next event with data of the current connection; null at its end. */
    private StoredEvent readEvent() throws IOException {
        ServerSentEvents in = events;
        if (in == null) {
            return null;
        }
        ServerSentEvents.Event event = in.next();
        if (in.lastEventId() != null) {
            lastEventId = in.lastEventId();
        }
        if (in.retry() != null) {
            retry = in.retry().compareTo(MAX_RETRY) > 0 ? MAX_RETRY : in.retry();
        }
        return event == null ? null : StoredEvent.of(Json.parse(event.data()));
    }

    private void closeStream() {
        InputStream current = stream;
        stream = null;
        events = null;
        if (current != null) {
            try {
                current.close();
            } catch (IOException e) {
                // Already broken; nothing more to release.
            }
        }
    }

    /** Stops the feed and closes its connection; a {@link #next()} waiting in another thread answers null. */
    @Override
    public void close() {
        closed = true;
        closeStream();
    }
}
