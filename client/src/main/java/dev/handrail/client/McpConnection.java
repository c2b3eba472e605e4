package dev.handrail.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One session with the gateway's MCP server over Streamable HTTP ({@code /mcp}, docs/mcp.md),
 * carrying JSON-RPC messages as they are: {@link #post} sends one message and answers the messages
 * the gateway sends back (a JSON body, or each event of an event stream), {@link #listen} opens
 * the stream of messages the server starts, {@link #close} ends the session. The
 * {@code Mcp-Session-Id} the {@code initialize} answer gives, and the protocol version it agrees,
 * go with every later request. Safe across threads: requests may run concurrently, the session
 * settings are volatile, and {@link #close} may be called from any thread.
 */
public final class McpConnection implements AutoCloseable {

    /** Where the gateway serves MCP. */
    public static final String PATH = "/mcp";

    static final String SESSION_HEADER = "Mcp-Session-Id";
    static final String VERSION_HEADER = "MCP-Protocol-Version";
    /** A request's answer may wait for a person's approval: the HTTP request itself does not time out. */
    private static final Duration NO_TIMEOUT = Duration.ofDays(1);

    /** One JSON-RPC message: its text on one line, as the stdio transport frames messages, and its JSON. */
    public record Message(String line, JsonNode json) {

        /** The request's or response's id, or null (a notification, an error about no request in particular). */
        public JsonNode id() {
            JsonNode id = json.get("id");
            return id == null || id.isNull() ? null : id;
        }

        /** Whether this is a response (a result or an error) rather than a request or notification. */
        public boolean isResponse() {
            return json.isObject() && !json.has("method") && (json.has("result") || json.has("error"));
        }
    }

    private final HandrailClient client;
    private final Set<Answer> open = ConcurrentHashMap.newKeySet();
    private volatile String sessionId;
    private volatile String protocolVersion;

    McpConnection(HandrailClient client) {
        this.client = client;
    }

    /** The session id the gateway gave in answer to {@code initialize}, or null before. */
    public String sessionId() {
        return sessionId;
    }

    /**
     * POSTs one JSON-RPC message (its text) and answers what comes back, to be read with
     * {@link Answer#next()}: nothing for a notification or response the gateway accepted (202),
     * else the messages of the JSON body or event stream, in order. A JSON-RPC error the gateway
     * answers with an HTTP error status (no such session, a malformed message) is one of those
     * messages. Throws {@link HandrailException.ApiError} when the gateway refuses before MCP (a
     * missing, invalid or expired token: 401; a role without access: 403) and
     * {@link HandrailException.Unreachable} when it cannot be reached.
     */
    public Answer post(String message) {
        boolean initialize = isInitialize(message);
        HttpRequest.Builder request = request()
                .header("Accept", "application/json, text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString(message, StandardCharsets.UTF_8));
        HttpResponse<InputStream> response =
                client.exchange(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        if (initialize) {
            response.headers().firstValue(SESSION_HEADER).ifPresent(id -> sessionId = id);
        }
        return answer(response, initialize);
    }

    /**
     * Opens the session's stream of messages the server starts ({@code GET /mcp}, e.g.
     * {@code notifications/tools/list_changed}), read with {@link Answer#next()} until it ends.
     * Throws {@link HandrailException.ApiError} when the gateway offers no such stream (404 for an
     * unknown session, 405 for a server without one) or refuses the token.
     */
    public Answer listen() {
        HttpRequest.Builder request =
                request().header("Accept", "text/event-stream").GET();
        HttpResponse<InputStream> response =
                client.exchange(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        if (response.statusCode() != 200) {
            throw HandrailClient.error(response.statusCode(), jsonOrEmpty(readAll(response)));
        }
        return track(new Answer(response.body(), false));
    }

    /**
     * Ends the session ({@code DELETE /mcp}; the gateway cancels its requests still running) and
     * closes every answer still open. A gateway that is gone, or has forgotten the session, is no
     * error: there is nothing left to end.
     */
    @Override
    public void close() {
        String session = sessionId;
        sessionId = null;
        if (session != null) {
            try {
                HttpRequest.Builder request = client.builder(PATH)
                        .timeout(Duration.ofSeconds(10))
                        .header(SESSION_HEADER, session)
                        .DELETE();
                client.exchange(request.build(), HttpResponse.BodyHandlers.discarding());
            } catch (HandrailException.Unreachable e) {
                // The gateway is gone, and the session with it.
            }
        }
        open.forEach(Answer::close);
    }

    private HttpRequest.Builder request() {
        HttpRequest.Builder request = client.builder(PATH).timeout(NO_TIMEOUT);
        String session = sessionId;
        if (session != null) {
            request.header(SESSION_HEADER, session);
        }
        String version = protocolVersion;
        if (version != null) {
            request.header(VERSION_HEADER, version);
        }
        return request;
    }

    private Answer answer(HttpResponse<InputStream> response, boolean initialize) {
        int status = response.statusCode();
        String type = response.headers().firstValue("Content-Type").orElse("").toLowerCase(Locale.ROOT);
        if (status >= 200 && status < 300 && type.startsWith("text/event-stream")) {
            return track(new Answer(response.body(), initialize));
        }
        String body = readAll(response);
        JsonNode json = body.isBlank() ? null : parseOrNull(body);
        boolean jsonRpc = json != null && (json.isArray() || (json.isObject() && json.has("jsonrpc")));
        if (status >= 200 && status < 300) {
            Answer answer = new Answer(null, initialize);
            if (json != null) {
                answer.add(body, json);
            }
            return answer;
        }
        if (jsonRpc) {
            Answer answer = new Answer(null, false);
            answer.add(body, json);
            return answer;
        }
        throw HandrailClient.error(status, json == null ? jsonOrEmpty(body) : json);
    }

    private Answer track(Answer answer) {
        open.add(answer);
        return answer;
    }

    private static boolean isInitialize(String message) {
        JsonNode json = parseOrNull(message);
        return json != null && "initialize".equals(Json.text(json, "method"));
    }

    /** JSON text on one line: JSON may break lines only where whitespace may stand, so a break becomes a space. */
    private static String oneLine(String json) {
        return json.strip().replace('\r', ' ').replace('\n', ' ');
    }

    private static String readAll(HttpResponse<InputStream> response) {
        try (InputStream in = response.body()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    private static JsonNode jsonOrEmpty(String text) {
        JsonNode json = text.isBlank() ? null : parseOrNull(text);
        return json == null ? Json.mapper().createObjectNode() : json;
    }

    private static JsonNode parseOrNull(String text) {
        try {
            return Json.parse(text);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /**
     * The messages of one answer, read by one thread with {@link #next()}; {@link #close()} may
     * be called from another to stop waiting (a cancelled request, the end of the session).
     */
    public final class Answer implements AutoCloseable {

        private final InputStream stream;
        private final ServerSentEvents events;
        private final Deque<Message> ready = new ArrayDeque<>();
        private final boolean initialize;
        private volatile boolean closed;

        private Answer(InputStream stream, boolean initialize) {
            this.stream = stream;
            this.events = stream == null ? null : new ServerSentEvents(stream);
            this.initialize = initialize;
        }

        /** Adds the message(s) of a JSON body: an array holds several, each printed on its own line. */
        private void add(String text, JsonNode json) {
            if (json.isArray()) {
                json.forEach(element -> ready.add(new Message(Json.compact(element), element)));
            } else {
                ready.add(new Message(oneLine(text), json));
            }
        }

        /**
         * The next message, waiting for it; null at the end of the answer or once closed. Throws
         * {@link HandrailException.Unreachable} when the connection breaks off before the end.
         */
        public Message next() {
            while (ready.isEmpty() && events != null && !closed) {
                ServerSentEvents.Event event;
                try {
                    event = events.next();
                } catch (IOException e) {
                    if (closed) {
                        return null;
                    }
                    close();
                    throw new HandrailException.Unreachable("The gateway's answer broke off: " + e.getMessage(), e);
                }
                if (event == null) {
                    close();
                    break;
                }
                JsonNode json = parseOrNull(event.data());
                if (json != null) {
                    ready.add(new Message(oneLine(event.data()), json));
                }
                // Data that is not JSON is not a JSON-RPC message; an MCP server sends none.
            }
            Message message = ready.poll();
            if (message != null && initialize && message.isResponse()) {
                String version = Json.text(message.json().path("result"), "protocolVersion");
                if (version != null) {
                    protocolVersion = version;
                }
            }
            return message;
        }

        /** Stops reading: a {@link #next()} waiting in another thread answers null. */
        @Override
        public void close() {
            closed = true;
            open.remove(this);
            if (stream != null) {
                try {
                    stream.close();
                } catch (IOException e) {
                    // Already broken; nothing more to release.
                }
            }
        }
    }
}
