package dev.handrail.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.handrail.client.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PipedReader;
import java.io.PipedWriter;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code handrail mcp} run as the command line runs it, between a pipe standing in for the MCP
 * client's stdio and a loopback HTTP server standing in for the gateway's {@code /mcp} (the whole
 * system is McpIT's): framing, order, concurrency, cancellation, refusals and the end of the session.
 */
class McpBridgeTest {

    private static final Duration WITHIN = Duration.ofSeconds(10);
    private static final String SESSION = "session-1";

    @TempDir
    java.nio.file.Path config;

    private HttpServer server;
    private final List<String> seen = new CopyOnWriteArrayList<>();
    private final List<String> sessionHeaders = new CopyOnWriteArrayList<>();
    private final CountDownLatch releaseSlow = new CountDownLatch(1);
    private final CountDownLatch slowClosed = new CountDownLatch(1);
    private final CountDownLatch deleted = new CountDownLatch(1);
    private final CountDownLatch stopped = new CountDownLatch(1);
    /** What {@code GET /mcp} does: hold the stream open, drop it after one message, or answer 405. */
    private volatile String listening = "hold";

    @AfterEach
    void stop() {
        releaseSlow.countDown();
        stopped.countDown();
        if (server != null) {
            server.stop(0);
        }
    }

    // ---- the gateway's side

    private String gateway() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/mcp", this::mcp);
        server.start();
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private void mcp(HttpExchange exchange) throws IOException {
        String session = exchange.getRequestHeaders().getFirst("Mcp-Session-Id");
        if (!"Bearer good".equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
            json(
                    exchange,
                    401,
                    "{\"ok\":false,\"error\":{\"code\":\"UNAUTHENTICATED\",\"message\":\"Unknown token\"}}");
            return;
        }
        switch (exchange.getRequestMethod()) {
            case "DELETE" -> {
                seen.add("DELETE " + session);
                exchange.sendResponseHeaders(204, -1);
                deleted.countDown();
            }
            case "GET" -> {
                seen.add("GET " + session);
                switch (listening) {
                    case "405" -> exchange.sendResponseHeaders(405, -1);
                    case "drop" ->
                        stream(exchange, List.of(notification("notifications/tools/list_changed")), null, null);
                    default ->
                        stream(exchange, List.of(notification("notifications/tools/list_changed")), stopped, null);
                }
            }
            default -> post(exchange, session);
        }
    }

    private void post(HttpExchange exchange, String session) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        JsonNode message = Json.mapper().readTree(body);
        String method = Json.text(message, "method");
        String id = message.has("id") ? message.get("id").toString() : null;
        seen.add(method == null ? "response" : method);
        if (!"initialize".equals(method)) {
            sessionHeaders.add(session + " " + exchange.getRequestHeaders().getFirst("MCP-Protocol-Version"));
        }
        if ("initialize".equals(method)) {
            exchange.getResponseHeaders().add("Mcp-Session-Id", SESSION);
            json(exchange, 200, response(id, "{\"protocolVersion\":\"2025-06-18\",\"capabilities\":{}}"));
            return;
        }
        if (id == null) {
            exchange.sendResponseHeaders(202, -1);
            exchange.close();
            return;
        }
        String tool = message.at("/params/name").asText("");
        switch (tool) {
            case "slow" ->
                stream(
                        exchange,
                        List.of(notification("notifications/progress")),
                        releaseSlow,
                        response(id, "{\"content\":[{\"type\":\"text\",\"text\":\"slow done\"}]}"));
            case "multiline" -> {
                exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
                exchange.sendResponseHeaders(200, 0);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(("event: message\ndata: {\"jsonrpc\":\"2.0\",\ndata:  \"id\":" + id
                                    + ",\"result\":{\"text\":\"caf\u00e9 \u2713\"}}\n\n")
                            .getBytes(StandardCharsets.UTF_8));
                }
            }
            case "unparsable" ->
                json(
                        exchange,
                        400,
                        "{\"jsonrpc\":\"2.0\",\"id\":null,\"error\":{\"code\":-32700,\"message\":\"Not one message\"}}");
            case "cut" -> {
                exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
                exchange.sendResponseHeaders(200, 0);
                exchange.getResponseBody().close();
            }
            default -> stream(exchange, List.of(), null, response(id, "{\"tools\":[]}"));
        }
    }

    /** An event stream: {@code first}, then (given {@code hold}) keep-alives until it is released, then {@code last} if any. */
    private void stream(HttpExchange exchange, List<String> first, CountDownLatch hold, String last)
            throws IOException {
        exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
        exchange.sendResponseHeaders(200, 0);
        try (OutputStream out = exchange.getResponseBody()) {
            for (String message : first) {
                out.write(("event: message\ndata: " + message + "\n\n").getBytes(StandardCharsets.UTF_8));
            }
            out.flush();
            while (hold != null && !hold.await(20, TimeUnit.MILLISECONDS)) {
                out.write(": keep-alive\n\n".getBytes(StandardCharsets.UTF_8));
                out.flush();
            }
            if (last != null) {
                out.write(("event: message\ndata: " + last + "\n\n").getBytes(StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            if (last != null) {
                slowClosed.countDown();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void json(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static String response(String id, String result) {
        return "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"result\":" + result + "}";
    }

    private static String notification(String method) {
        return "{\"jsonrpc\":\"2.0\",\"method\":\"" + method + "\",\"params\":{}}";
    }

    // ---- the MCP client's side

    /** The bridge running as {@code handrail mcp}, fed through a pipe, its output lines queued. */
    private final class Bridge implements AutoCloseable {

        final PipedWriter stdin = new PipedWriter();
        final BlockingQueue<String> stdout = new LinkedBlockingQueue<>();
        final StringWriter stderr = new StringWriter();
        final CompletableFuture<Integer> exit;

        Bridge(String url, String token) throws IOException {
            BufferedReader input = new BufferedReader(new PipedReader(stdin, 1 << 16));
            var line = HandrailCli.commandLine(
                    Map.of("XDG_CONFIG_HOME", config.toString(), "HANDRAIL_URL", url, "HANDRAIL_TOKEN", token), input);
            line.setOut(new PrintWriter(new Lines(stdout), true));
            line.setErr(new PrintWriter(stderr, true));
            exit = CompletableFuture.supplyAsync(() -> line.execute("mcp"));
        }

        void send(String message) throws IOException {
            stdin.write(message + "\n");
            stdin.flush();
        }

        JsonNode receive() throws Exception {
            String line = stdout.poll(WITHIN.toMillis(), TimeUnit.MILLISECONDS);
            assertThat(line)
                    .as("a line on standard output; standard error: %s", stderr)
                    .isNotNull();
            return Json.mapper().readTree(line);
        }

        void initialize() throws Exception {
            send(
                    "{\"jsonrpc\":\"2.0\",\"id\":0,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-06-18\"}}");
            assertThat(receive().at("/result/protocolVersion").asText()).isEqualTo("2025-06-18");
            send("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
        }

        int end() throws Exception {
            stdin.close();
            return exit.get(WITHIN.toSeconds(), TimeUnit.SECONDS);
        }

        @Override
        public void close() throws IOException {
            stdin.close();
        }
    }

    /** Standard output cut into lines, checking that each is written whole. */
    private static final class Lines extends Writer {

        private final BlockingQueue<String> lines;
        private final StringBuilder pending = new StringBuilder();

        Lines(BlockingQueue<String> lines) {
            this.lines = lines;
        }

        @Override
        public synchronized void write(char[] chars, int offset, int length) {
            for (int i = offset; i < offset + length; i++) {
                if (chars[i] == '\n') {
                    lines.add(pending.toString());
                    pending.setLength(0);
                } else {
                    pending.append(chars[i]);
                }
            }
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
    }

    private static String call(int id, String tool) {
        return "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"tools/call\",\"params\":{\"name\":\"" + tool
                + "\",\"arguments\":{}}}";
    }

    // ---- the behaviour

    @Test
    void answersAreRelayedInOrderAndTheServersStreamFollowsInitialization() throws Exception {
        try (Bridge bridge = new Bridge(gateway(), "good")) {
            bridge.initialize();
            // The server's own stream, opened after notifications/initialized.
            assertThat(Json.text(bridge.receive(), "method")).isEqualTo("notifications/tools/list_changed");

            bridge.send(call(1, "slow"));
            assertThat(Json.text(bridge.receive(), "method")).isEqualTo("notifications/progress");
            releaseSlow.countDown();
            JsonNode done = bridge.receive();
            assertThat(done.get("id").asInt()).isEqualTo(1);
            assertThat(done.at("/result/content/0/text").asText()).isEqualTo("slow done");

            assertThat(bridge.end()).isZero();
            assertThat(deleted.await(WITHIN.toSeconds(), TimeUnit.SECONDS)).isTrue();
        }
        assertThat(seen).contains("GET " + SESSION, "DELETE " + SESSION);
        // Every request after initialize names the session and the protocol version it agreed.
        assertThat(sessionHeaders).isNotEmpty().allMatch((SESSION + " 2025-06-18")::equals);
    }

    @Test
    void aWaitingCallHoldsUpNeitherOtherRequestsNorItsCancellation() throws Exception {
        try (Bridge bridge = new Bridge(gateway(), "good")) {
            bridge.initialize();
            bridge.receive(); // tools/list_changed
            bridge.send(call(1, "slow"));
            assertThat(Json.text(bridge.receive(), "method")).isEqualTo("notifications/progress");

            bridge.send("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\"}");
            JsonNode list = bridge.receive();
            assertThat(list.get("id").asInt()).isEqualTo(2);

            bridge.send("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/cancelled\",\"params\":{\"requestId\":1}}");
            assertThat(slowClosed.await(WITHIN.toSeconds(), TimeUnit.SECONDS))
                    .as("the cancelled call's answer stream is closed")
                    .isTrue();
            await().atMost(WITHIN).until(() -> seen.contains("notifications/cancelled"));
            assertThat(bridge.end()).isZero();
            // A cancelled request is not answered.
            assertThat(bridge.stdout).isEmpty();
        }
    }

    @Test
    void everyMessageIsOneLineOfAsciiJson() throws Exception {
        try (Bridge bridge = new Bridge(gateway(), "good")) {
            bridge.initialize();
            bridge.receive();
            bridge.send(call(3, "multiline"));
            String line = bridge.stdout.poll(WITHIN.toMillis(), TimeUnit.MILLISECONDS);
            assertThat(line).isNotNull().doesNotContain("\n").matches("\\p{ASCII}*");
            assertThat(Json.mapper().readTree(line).at("/result/text").asText()).isEqualTo("caf\u00e9 \u2713");
            bridge.end();
        }
    }

    @Test
    void gatewayErrorsAnswerTheRequestThatMetThem() throws Exception {
        try (Bridge bridge = new Bridge(gateway(), "good")) {
            bridge.initialize();
            bridge.receive();

            bridge.send(call(4, "unparsable"));
            JsonNode unparsable = bridge.receive();
            assertThat(unparsable.get("id").asInt()).isEqualTo(4);
            assertThat(unparsable.at("/error/code").asInt()).isEqualTo(-32700);

            bridge.send(call(5, "cut"));
            JsonNode cut = bridge.receive();
            assertThat(cut.get("id").asInt()).isEqualTo(5);
            assertThat(cut.at("/error/code").asInt()).isEqualTo(McpBridge.GATEWAY_ERROR);

            bridge.send("{not json");
            JsonNode notJson = bridge.receive();
            assertThat(notJson.get("id").isNull()).isTrue();
            assertThat(notJson.at("/error/code").asInt()).isEqualTo(-32700);
            bridge.end();
        }
    }

    @Test
    void aRefusedTokenIsAJsonRpcErrorThatSaysWhatToDo() throws Exception {
        try (Bridge bridge = new Bridge(gateway(), "expired")) {
            bridge.send("{\"jsonrpc\":\"2.0\",\"id\":\"init\",\"method\":\"initialize\",\"params\":{}}");
            JsonNode refused = bridge.receive();
            assertThat(refused.get("id").asText()).isEqualTo("init");
            assertThat(refused.at("/error/code").asInt()).isEqualTo(McpBridge.GATEWAY_ERROR);
            assertThat(refused.at("/error/message").asText())
                    .startsWith("UNAUTHENTICATED")
                    .contains("handrail tokens create")
                    .contains("Unknown token");
            assertThat(refused.at("/error/data/status").asInt()).isEqualTo(401);
            assertThat(bridge.end()).isZero();
            assertThat(bridge.stderr.toString()).contains("relaying MCP over stdio");
        }
    }

    @Test
    void anUnreachableGatewayIsAJsonRpcErrorToo() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        try (Bridge bridge = new Bridge("http://127.0.0.1:" + port, "good")) {
            bridge.send("{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"initialize\",\"params\":{}}");
            JsonNode refused = bridge.receive();
            assertThat(refused.get("id").asInt()).isEqualTo(7);
            assertThat(refused.at("/error/message").asText())
                    .contains("Cannot reach the gateway")
                    .contains("HANDRAIL_URL");
            assertThat(bridge.end()).isZero();
        }
    }

    @Test
    void theServersStreamIsReopenedWhenItDropsAndLeftAloneWhenThereIsNone() throws Exception {
        listening = "drop";
        try (Bridge bridge = new Bridge(gateway(), "good")) {
            bridge.initialize();
            assertThat(Json.text(bridge.receive(), "method")).isEqualTo("notifications/tools/list_changed");
            assertThat(Json.text(bridge.receive(), "method")).isEqualTo("notifications/tools/list_changed");
            assertThat(bridge.stderr.toString()).contains("reconnecting");

            listening = "405";
            await().atMost(WITHIN).until(() -> bridge.stderr.toString().contains("no server-to-client stream"));
            long gets = seen.stream().filter(s -> s.startsWith("GET")).count();
            assertThat(bridge.end()).isZero();
            assertThat(seen.stream().filter(s -> s.startsWith("GET")).count()).isEqualTo(gets);
        }
    }
}
