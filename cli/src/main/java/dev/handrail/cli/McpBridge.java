package dev.handrail.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.handrail.client.HandrailException;
import dev.handrail.client.Json;
import dev.handrail.client.McpConnection;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The MCP stdio transport relayed to the gateway's Streamable HTTP one: newline-delimited JSON-RPC
 * from {@code in} is POSTed to {@code /mcp}, and every message of each answer, and of the
 * server's own stream once the session is initialized, is written to {@code out} as one line.
 * Only JSON-RPC goes to {@code out}; diagnostics go to {@code err}.
 *
 * <p>Each request runs on a virtual thread of its own, so a tool call waiting for an operator's
 * approval holds up neither other requests nor a {@code notifications/cancelled}, which closes the
 * cancelled request's answer as well as telling the gateway. {@code initialize}, notifications and
 * responses are sent from the reading thread in the order they were read (they are answered at
 * once), so the session exists before anything that needs it is sent. Writes to {@code out} are
 * serialized, one whole line at a time. Refusals that are not JSON-RPC (a bad token, a gateway that
 * cannot be reached) become a JSON-RPC error response to the request, so the MCP client sees why.
 */
final class McpBridge {

    /** The JSON-RPC error code of a failure between the bridge and the gateway (an implementation-defined server error). */
    static final int GATEWAY_ERROR = -32001;

    /** How long in-flight requests may still finish once standard input has ended. */
    static final Duration END_GRACE = Duration.ofSeconds(2);

    private static final Duration FIRST_RETRY = Duration.ofMillis(500);
    private static final Duration MAX_RETRY = Duration.ofSeconds(30);

    /** One request on its way: the thread relaying its answer, and whether the client cancelled it. */
    private static final class Call {

        volatile McpConnection.Answer answer;
        volatile boolean cancelled;
        volatile Thread thread;
    }

    private final McpConnection gateway;
    private final URI base;
    private final BufferedReader in;
    private final PrintWriter out;
    private final PrintWriter err;
    private final Map<String, Call> calls = new ConcurrentHashMap<>();
    private final AtomicBoolean ended = new AtomicBoolean();
    private volatile boolean ending;
    private volatile Thread listener;

    McpBridge(McpConnection gateway, URI base, BufferedReader in, PrintWriter out, PrintWriter err) {
        this.gateway = gateway;
        this.base = base;
        this.in = in;
        this.out = out;
        this.err = err;
    }

    /** Relays until standard input ends, then ends the session. */
    void run() {
        diagnose("handrail mcp: relaying MCP over stdio to " + base + McpConnection.PATH);
        try {
            String line;
            while ((line = in.readLine()) != null) {
                if (!line.isBlank()) {
                    handle(line.strip());
                }
            }
        } catch (IOException e) {
            diagnose("handrail mcp: standard input failed: " + e.getMessage());
        }
        awaitCalls(END_GRACE);
        end();
    }

    /**
     * Ends the session ({@code DELETE /mcp}, which cancels what is still running there) and stops
     * listening. Safe to call twice and from a shutdown hook.
     */
    void end() {
        if (!ended.compareAndSet(false, true)) {
            return;
        }
        ending = true;
        Thread listening = listener;
        if (listening != null) {
            listening.interrupt();
        }
        gateway.close();
    }

    private void handle(String line) {
        JsonNode message;
        try {
            message = Json.mapper().readTree(line);
        } catch (JsonProcessingException e) {
            write(error(null, -32700, "Not JSON: " + e.getOriginalMessage(), null));
            return;
        }
        if (message == null || !(message.isObject() || message.isArray())) {
            write(error(null, -32600, "Not a JSON-RPC message", null));
            return;
        }
        String method = Json.text(message, "method");
        JsonNode id = message.get("id");
        boolean request = method != null && id != null && !id.isNull();
        if (request && !"initialize".equals(method)) {
            start(line, id);
        } else if (request) {
            relay(line, id, new Call());
        } else {
            if ("notifications/cancelled".equals(method)) {
                cancelled(message.path("params").get("requestId"));
            }
            forward(line);
            if ("notifications/initialized".equals(method)) {
                startListening();
            }
        }
    }

    /** A request other than initialize: relayed on its own virtual thread. */
    private void start(String line, JsonNode id) {
        String key = id.toString();
        Call call = new Call();
        if (calls.putIfAbsent(key, call) != null) {
            write(error(id, -32600, "A request with id " + key + " is still running", null));
            return;
        }
        call.thread = Thread.ofVirtual().name("handrail-mcp-" + key).start(() -> {
            try {
                relay(line, id, call);
            } finally {
                calls.remove(key, call);
            }
        });
    }

    /** POSTs one request and writes its answer up to and including its response. */
    private void relay(String line, JsonNode id, Call call) {
        McpConnection.Answer answer;
        try {
            answer = gateway.post(line);
        } catch (HandrailException e) {
            if (!call.cancelled && !ending) {
                write(refusal(id, e));
            }
            return;
        }
        call.answer = answer;
        try (answer) {
            if (call.cancelled) {
                return;
            }
            McpConnection.Message message;
            while ((message = answer.next()) != null) {
                if (message.isResponse() && message.id() == null) {
                    // An error about no request in particular (the gateway refused the body): it answers this one.
                    write(withId(message.json(), id));
                    return;
                }
                write(message.line());
                if (message.isResponse() && id.equals(message.id())) {
                    return;
                }
            }
            if (!call.cancelled && !ending) {
                write(error(
                        id,
                        GATEWAY_ERROR,
                        "The gateway's answer ended before the response; send the request again",
                        null));
            }
        } catch (HandrailException e) {
            if (!call.cancelled && !ending) {
                write(refusal(id, e));
            }
        }
    }

    /** A notification or response: sent in order; it has no answer but a refusal, which goes to standard error. */
    private void forward(String line) {
        try (McpConnection.Answer answer = gateway.post(line)) {
            McpConnection.Message message;
            while ((message = answer.next()) != null) {
                if (message.isResponse()) {
                    diagnose("handrail mcp: the gateway refused a notification: " + message.line());
                } else {
                    write(message.line());
                }
            }
        } catch (HandrailException e) {
            diagnose("handrail mcp: a notification was not delivered: " + e.getMessage());
        }
    }

    private void cancelled(JsonNode requestId) {
        Call call = requestId == null ? null : calls.get(requestId.toString());
        if (call == null) {
            return;
        }
        call.cancelled = true;
        McpConnection.Answer answer = call.answer;
        if (answer != null) {
            // Closing the answer's stream also tells the gateway, should the notification not reach it.
            Thread.ofVirtual().start(answer::close);
        }
    }

    /** Opens the server's own stream once the session is initialized, reconnecting with backoff until it is refused. */
    private void startListening() {
        if (listener != null || gateway.sessionId() == null) {
            return;
        }
        listener = Thread.ofVirtual().name("handrail-mcp-listen").start(this::listen);
    }

    private void listen() {
        Duration retry = FIRST_RETRY;
        while (!ending) {
            Instant opened = Instant.now();
            try (McpConnection.Answer stream = gateway.listen()) {
                McpConnection.Message message;
                while ((message = stream.next()) != null) {
                    write(message.line());
                }
                if (Duration.between(opened, Instant.now()).compareTo(MAX_RETRY) > 0) {
                    // A stream that held for a while dropped: a fresh start, not a gateway refusing to stay up.
                    retry = FIRST_RETRY;
                }
            } catch (HandrailException.ApiError e) {
                if (e.status() < 500) {
                    // 404 (no such session), 405 (no such stream), a refused token: asking again changes nothing.
                    if (!ending) {
                        diagnose("handrail mcp: no server-to-client stream (" + e.getMessage() + ")");
                    }
                    return;
                }
            } catch (HandrailException.Unreachable e) {
                // Dropped or down: reconnect below.
            }
            if (ending) {
                return;
            }
            diagnose("handrail mcp: the server's stream dropped; reconnecting in " + retry.toMillis() + " ms");
            try {
                Thread.sleep(retry);
            } catch (InterruptedException e) {
                return;
            }
            retry = retry.multipliedBy(2).compareTo(MAX_RETRY) > 0 ? MAX_RETRY : retry.multipliedBy(2);
        }
    }

    private void awaitCalls(Duration grace) {
        Instant deadline = Instant.now().plus(grace);
        for (Call call : List.copyOf(calls.values())) {
            Thread thread = call.thread;
            Duration left = Duration.between(Instant.now(), deadline);
            if (thread != null && !left.isNegative()) {
                try {
                    thread.join(left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /** A refusal that is not JSON-RPC, as the JSON-RPC error response to request {@code id}. */
    static String refusal(JsonNode id, HandrailException failure) {
        if (failure instanceof HandrailException.ApiError api) {
            String detail = api.getMessage().substring(api.code().length() + 2);
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("code", api.code());
            data.put("status", api.status());
            return error(id, GATEWAY_ERROR, api.code() + ": " + advice(api) + " (" + detail + ")", data);
        }
        return error(
                id,
                GATEWAY_ERROR,
                failure.getMessage() + "; start the gateway (./handrail up) or point --url or HANDRAIL_URL at it",
                null);
    }

    private static String advice(HandrailException.ApiError api) {
        return switch (api.status()) {
            case 401 ->
                "the token is missing, invalid, expired or revoked: create one with handrail tokens create NAME agent"
                        + " and pass it with --token or HANDRAIL_TOKEN";
            case 403 -> "this token may not use MCP: use an agent token (handrail tokens create NAME agent)";
            default -> "the gateway refused the request";
        };
    }

    static String error(JsonNode id, int code, String message, Map<String, Object> data) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("code", code);
        error.put("message", message);
        if (data != null) {
            error.put("data", data);
        }
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("jsonrpc", "2.0");
        response.put("id", id);
        response.put("error", error);
        return Json.compact(response);
    }

    private static String withId(JsonNode response, JsonNode id) {
        ObjectNode copy = ((ObjectNode) response).deepCopy();
        copy.set("id", id);
        return Json.compact(copy);
    }

    /**
     * Writes one message as one line. Characters beyond ASCII are written as JSON escapes, which
     * mean the same, so the line reads the same whatever encoding standard output has.
     */
    private void write(String line) {
        StringBuilder ascii = new StringBuilder(line.length() + 16);
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c < 0x80) {
                ascii.append(c);
            } else {
                ascii.append(String.format("\\u%04x", (int) c));
            }
        }
        ascii.append('\n');
        synchronized (out) {
            out.print(ascii);
            out.flush();
        }
    }

    private void diagnose(String line) {
        synchronized (err) {
            err.println(line);
            err.flush();
        }
    }
}
