package dev.handrail.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.handrail.contracts.capability.CapabilityCatalogue;
import dev.handrail.contracts.capability.JsonSchemas;
import dev.handrail.contracts.json.Json;
import io.modelcontextprotocol.client.McpAsyncClient;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.client.transport.ServerParameters;
import io.modelcontextprotocol.client.transport.StdioClientTransport;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.spec.McpClientTransport;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

/**
 * The MCP server end to end, with the MCP Java SDK's own client over Streamable HTTP and over the
 * {@code handrail mcp} stdio bridge: the tools and their schemas, a read, a call that waits for an
 * operator (progress, approval, the command's output), a denied call, a cancelled call that
 * withdraws its action, the tool list following a disabled capability, and one principal's
 * session, actions and trails out of another's reach.
 */
class McpIT {

    private static final Duration CALL = Duration.ofSeconds(120);

    private static LocalSystem system;
    private static Api admin;
    private static Api agent;
    private static Api otherAgent;
    private static Path workspace;

    @BeforeAll
    static void startSystem() {
        Awaitility.ignoreExceptionsByDefault();
        TestHome home = TestHome.create("handrail-mcp-it");
        workspace = home.workspace();
        system = LocalSystem.start(home.settings());
        admin = Api.admin(system);
        agent = admin.as("mcp-agent", "agent");
        otherAgent = admin.as("mcp-other-agent", "agent");
        admin.awaitNodeImplements("file.read");
        admin.awaitNodeImplements("shell.run");
    }

    @AfterAll
    static void stopSystem() {
        if (system != null) {
            system.close();
        }
    }

    private static McpJsonMapper mapper() {
        return new JacksonMcpJsonMapper(Json.mapper());
    }

    private static McpClientTransport http(String token) {
        return HttpClientStreamableHttpTransport.builder(system.gatewayUrl())
                .endpoint("/mcp")
                .jsonMapper(mapper())
                .openConnectionOnStartup(true)
                .httpRequestCustomizer(
                        (request, method, uri, body, context) -> request.header("Authorization", "Bearer " + token))
                .build();
    }

    private static McpClientTransport stdio(String token) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ServerParameters bridge = ServerParameters.builder(java)
                .args(
                        "-cp",
                        System.getProperty("java.class.path"),
                        "dev.handrail.cli.HandrailCli",
                        "mcp",
                        "--url",
                        system.gatewayUrl(),
                        "--token",
                        token)
                .build();
        return new StdioClientTransport(bridge, mapper());
    }

    /** A connected client, with the progress notifications and tool-list changes it receives. */
    private record Client(
            McpAsyncClient mcp, List<McpSchema.ProgressNotification> progress, List<List<McpSchema.Tool>> toolChanges)
            implements AutoCloseable {

        static Client over(McpClientTransport transport) {
            List<McpSchema.ProgressNotification> progress = new CopyOnWriteArrayList<>();
            List<List<McpSchema.Tool>> changes = new CopyOnWriteArrayList<>();
            McpAsyncClient mcp = McpClient.async(transport)
                    .requestTimeout(CALL)
                    .initializationTimeout(Duration.ofSeconds(60))
                    .clientInfo(new McpSchema.Implementation("handrail-it", "1"))
                    .progressConsumer(p -> Mono.fromRunnable(() -> progress.add(p)))
                    .toolsChangeConsumer(tools -> Mono.fromRunnable(() -> changes.add(tools)))
                    .build();
            mcp.initialize().block(Duration.ofSeconds(60));
            return new Client(mcp, progress, changes);
        }

        McpSchema.CallToolResult call(String tool, Map<String, Object> arguments) {
            return mcp.callTool(new McpSchema.CallToolRequest(tool, arguments)).block(CALL);
        }

        Mono<McpSchema.CallToolResult> callWithProgress(String tool, Map<String, Object> arguments, String token) {
            return mcp.callTool(McpSchema.CallToolRequest.builder()
                    .name(tool)
                    .arguments(arguments)
                    .progressToken(token)
                    .build());
        }

        List<McpSchema.Tool> tools() {
            return mcp.listTools().block(Duration.ofSeconds(30)).tools();
        }

        @Override
        public void close() {
            mcp.closeGracefully().block(Duration.ofSeconds(10));
        }
    }

    private static String text(McpSchema.CallToolResult result) {
        StringBuilder text = new StringBuilder();
        for (McpSchema.Content content : result.content()) {
            if (content instanceof McpSchema.TextContent t) {
                text.append(t.text());
            }
        }
        return text.toString();
    }

    private static JsonNode tree(Object value) {
        return Json.mapper().valueToTree(value);
    }

    private static String actionId(McpSchema.CallToolResult result) {
        return String.valueOf(result.meta().get("handrail/action_id"));
    }

    /**
     * The one pending approval the agent's latest call waits for, once policy has asked for it. A
     * call that has already ended (an error answer, a refused request, a broken session) never gets
     * one: the wait then fails at once with how the call ended, instead of waiting out its limit.
     */
    private static String pendingApproval(String command, CompletableFuture<McpSchema.CallToolResult> call) {
        return pendingApproval(command, () -> ended(call));
    }

    /** As above, for a raw Streamable HTTP call: it ended if its answer is not an open event stream. */
    private static String pendingApprovalOfRaw(
            String command, CompletableFuture<HttpResponse<java.util.stream.Stream<String>>> call) {
        return pendingApproval(command, () -> {
            if (!call.isDone()) {
                return Optional.empty();
            }
            if (call.isCompletedExceptionally()) {
                return ended(call);
            }
            HttpResponse<?> answer = call.join();
            return answer.statusCode() == 200
                    ? Optional.empty()
                    : Optional.of("HTTP " + answer.statusCode() + " "
                            + answer.headers().map());
        });
    }

    private static String pendingApproval(String command, java.util.function.Supplier<Optional<String>> ended) {
        AtomicReference<String> id = new AtomicReference<>();
        await().atMost(Duration.ofSeconds(60))
                .failFast(() -> {
                    Optional<String> how = ended.get();
                    if (how.isPresent()) {
                        throw new AssertionError(
                                "The call of \"" + command + "\" ended before an approval was pending: " + how.get());
                    }
                })
                .until(() -> {
                    for (JsonNode approval :
                            admin.get("/v1/approvals?state=pending").body().get("approvals")) {
                        if (approval.toString().contains(command)) {
                            id.set(approval.get("action_id").asText());
                            return true;
                        }
                    }
                    return false;
                });
        return id.get();
    }

    /** How a call ended, if it has: its result, or the failure with its causes. */
    private static Optional<String> ended(CompletableFuture<?> call) {
        if (!call.isDone()) {
            return Optional.empty();
        }
        try {
            Object result = call.join();
            return Optional.of(
                    result instanceof McpSchema.CallToolResult r
                            ? "answered isError=" + r.isError() + ": " + text(r) + " " + r.meta()
                            : "answered " + result);
        } catch (java.util.concurrent.CompletionException | java.util.concurrent.CancellationException e) {
            java.io.StringWriter trace = new java.io.StringWriter();
            e.printStackTrace(new java.io.PrintWriter(trace));
            return Optional.of("failed: " + trace);
        }
    }

    @Test
    void toolsAreTheCapabilitiesWithTheirSchemasAndHints() {
        try (Client client = Client.over(http(agent.token()))) {
            List<McpSchema.Tool> tools = client.tools();
            Map<String, McpSchema.Tool> byName = new java.util.HashMap<>();
            tools.forEach(t -> byName.put(t.name(), t));
            assertThat(byName).containsKeys("file_read", "file_write", "shell_run");

            McpSchema.Tool read = byName.get("file_read");
            var capability = CapabilityCatalogue.find("file.read").orElseThrow();
            assertThat(tree(read.inputSchema())).isEqualTo(tree(JsonSchemas.params(capability)));
            assertThat(tree(read.outputSchema())).isEqualTo(tree(JsonSchemas.output(capability)));
            assertThat(read.description()).startsWith(capability.description());
            assertThat(read.annotations().readOnlyHint()).isTrue();

            McpSchema.Tool shell = byName.get("shell_run");
            assertThat(shell.annotations().readOnlyHint()).isFalse();
            assertThat(shell.annotations().destructiveHint()).isTrue();
            assertThat(shell.annotations().openWorldHint()).isTrue();
            assertThat(shell.description()).contains("approval");
        }
    }

    @Test
    void fileReadAnswersTheFileAndItsTrailIsAResource() throws IOException {
        Files.writeString(workspace.resolve("mcp-note.txt"), "read through MCP");
        try (Client client = Client.over(http(agent.token()))) {
            McpSchema.CallToolResult result = client.call("file_read", Map.of("path", "mcp-note.txt"));

            assertThat(result.isError()).as(text(result)).isFalse();
            assertThat(text(result)).contains("read through MCP");
            assertThat(Json.mapper()
                            .valueToTree(result.structuredContent())
                            .get("bytes")
                            .asInt())
                    .isEqualTo(16);

            String uri = "handrail://actions/" + actionId(result);
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                McpSchema.ReadResourceResult trail = client.mcp()
                        .readResource(new McpSchema.ReadResourceRequest(uri))
                        .block(Duration.ofSeconds(30));
                String json = ((McpSchema.TextResourceContents) trail.contents().get(0)).text();
                assertThat(json).contains("action.planned").contains("action.succeeded");
            });
        }
    }

    @Test
    void aCallThatNeedsApprovalWaitsWithProgressAndAnswersTheOutput() {
        try (Client client = Client.over(http(agent.token()))) {
            CompletableFuture<McpSchema.CallToolResult> call = client.callWithProgress(
                            "shell_run", Map.of("command", "echo approved-over-mcp"), "approval-1")
                    .toFuture();

            String actionId = pendingApproval("approved-over-mcp", call);
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> client.progress().stream()
                            .anyMatch(p -> "approval-1".equals(p.progressToken())
                                    && p.message().contains("approval")
                                    && p.message().contains(actionId)));
            assertThat(call).isNotDone();

            assertThat(admin.post("/v1/actions/" + actionId + "/approve", Map.of("comment", "go"))
                            .status())
                    .isEqualTo(200);

            McpSchema.CallToolResult result =
                    call.orTimeout(CALL.toSeconds(), TimeUnit.SECONDS).join();
            assertThat(result.isError()).as(text(result)).isFalse();
            assertThat(Json.mapper()
                            .valueToTree(result.structuredContent())
                            .get("stdout")
                            .asText())
                    .contains("approved-over-mcp");
            assertThat(actionId(result)).isEqualTo(actionId);
        }
    }

    @Test
    void aDeniedCallIsAnErrorWithTheReason() {
        try (Client client = Client.over(http(agent.token()))) {
            CompletableFuture<McpSchema.CallToolResult> call = client.callWithProgress(
                            "shell_run", Map.of("command", "echo denied-over-mcp"), "deny-1")
                    .toFuture();
            String actionId = pendingApproval("denied-over-mcp", call);
            assertThat(admin.post("/v1/actions/" + actionId + "/deny", Map.of("comment", "not now"))
                            .status())
                    .isEqualTo(200);

            McpSchema.CallToolResult result =
                    call.orTimeout(CALL.toSeconds(), TimeUnit.SECONDS).join();
            assertThat(result.isError()).isTrue();
            assertThat(text(result)).contains("denied").contains("DENIED").contains(actionId);
        }
    }

    @Test
    void anInvalidCallIsAnErrorThatNamesTheProblem() {
        try (Client client = Client.over(http(agent.token()))) {
            McpSchema.CallToolResult result = client.call("file_read", Map.of("path", "x.txt", "click", 1));
            assertThat(result.isError()).isTrue();
            assertThat(text(result)).contains("rejected").contains("click");
        }
    }

    @Test
    void cancellingAWaitingCallWithdrawsTheAction() throws Exception {
        // As MCP clients cancel (the SDK's Java client sends no notifications/cancelled): a raw session.
        String session = initializeRaw(agent.token());
        postRaw(agent.token(), session, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
        HttpClient http = HttpClient.newHttpClient();
        try {
            CompletableFuture<HttpResponse<java.util.stream.Stream<String>>> byNotice = http.sendAsync(
                    toolCall(session, 41, "echo withdrawn-by-notice"), HttpResponse.BodyHandlers.ofLines());
            String noticed = pendingApprovalOfRaw("withdrawn-by-notice", byNotice);

            HttpResponse<String> cancelled = postRaw(
                    agent.token(),
                    session,
                    "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/cancelled\","
                            + "\"params\":{\"requestId\":41,\"reason\":\"the user pressed stop\"}}");
            assertThat(cancelled.statusCode()).isEqualTo(202);
            awaitState(noticed, "cancelled");
            Api.Answer approve = admin.post("/v1/actions/" + noticed + "/approve", Map.of());
            assertThat(approve.status()).isEqualTo(409);
            // The cancelled call's answer stream ends, without a response (MCP: none for a cancelled request).
            java.util.stream.Stream<String> answer =
                    byNotice.get(30, TimeUnit.SECONDS).body();
            List<String> lines = CompletableFuture.supplyAsync(answer::toList).get(30, TimeUnit.SECONDS);
            assertThat(lines).noneMatch(line -> line.contains("\"result\""));

            // A client that just closes the answer stream withdraws its call too.
            CompletableFuture<HttpResponse<java.util.stream.Stream<String>>> byClosing = http.sendAsync(
                    toolCall(session, 42, "echo withdrawn-by-closing"), HttpResponse.BodyHandlers.ofLines());
            String closed = pendingApprovalOfRaw("withdrawn-by-closing", byClosing);
            byClosing.get(30, TimeUnit.SECONDS).body().close();
            awaitState(closed, "cancelled");
        } finally {
            http.shutdownNow();
        }
    }

    private static HttpRequest toolCall(String session, int id, String command) {
        String call = "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"tools/call\",\"params\":"
                + "{\"name\":\"shell_run\",\"arguments\":{\"command\":\"" + command + "\"},"
                + "\"_meta\":{\"progressToken\":\"p" + id + "\"}}}";
        return HttpRequest.newBuilder(URI.create(system.gatewayUrl() + "/mcp"))
                .header("Content-Type", "application/json")
                .header("Accept", "application/json, text/event-stream")
                .header("Authorization", "Bearer " + agent.token())
                .header("Mcp-Session-Id", session)
                .POST(HttpRequest.BodyPublishers.ofString(call))
                .build();
    }

    private static void awaitState(String actionId, String state) {
        await().atMost(Duration.ofSeconds(60))
                .untilAsserted(() -> assertThat(admin.get("/v1/actions/" + actionId)
                                .body()
                                .get("action")
                                .get("state")
                                .asText())
                        .isEqualTo(state));
    }

    @Test
    void disablingACapabilityTellsConnectedClientsTheToolsChanged() {
        try (Client client = Client.over(http(agent.token()))) {
            assertThat(client.tools()).extracting(McpSchema.Tool::name).contains("file_write");
            try {
                assertThat(admin.patch("/v1/capabilities/file.write", Map.of("enabled", false))
                                .status())
                        .isEqualTo(200);
                await().atMost(Duration.ofSeconds(60))
                        .until(() -> client.toolChanges().stream()
                                .anyMatch(tools ->
                                        tools.stream().noneMatch(t -> t.name().equals("file_write"))));
                assertThat(client.tools()).extracting(McpSchema.Tool::name).doesNotContain("file_write");
            } finally {
                admin.patch("/v1/capabilities/file.write", Map.of("enabled", true));
            }
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> client.toolChanges().stream()
                            .anyMatch(tools ->
                                    tools.stream().anyMatch(t -> t.name().equals("file_write"))));
            assertThat(client.tools()).extracting(McpSchema.Tool::name).contains("file_write");
        }
    }

    @Test
    void anotherPrincipalCannotUseTheSessionOrReadTheTrailOrCancel() throws Exception {
        try (Client client = Client.over(http(agent.token()));
                Client other = Client.over(http(otherAgent.token()))) {
            Files.writeString(workspace.resolve("mcp-private.txt"), "mine");
            McpSchema.CallToolResult mine = client.call("file_read", Map.of("path", "mcp-private.txt"));
            String uri = "handrail://actions/" + actionId(mine);

            Optional<Throwable> refused = Optional.empty();
            try {
                other.mcp().readResource(new McpSchema.ReadResourceRequest(uri)).block(Duration.ofSeconds(30));
            } catch (RuntimeException e) {
                refused = Optional.of(e);
            }
            assertThat(refused).isPresent();
            assertThat(refused.get().getMessage()).contains("No action trail");

            Api.Answer cancel = otherAgent.post("/v1/actions/" + actionId(mine) + "/cancel", Map.of());
            assertThat(cancel.status()).isEqualTo(404);
        }

        // A session id is no key: another token presenting it is told there is no such session.
        String session = initializeRaw(agent.token());
        HttpResponse<String> hijack =
                postRaw(otherAgent.token(), session, "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\"}");
        assertThat(hijack.statusCode()).isEqualTo(404);
        assertThat(Json.mapper()
                        .readTree(hijack.body())
                        .get("error")
                        .get("code")
                        .asInt())
                .isEqualTo(McpSchema.ErrorCodes.INVALID_REQUEST);
    }

    @Test
    void aPrincipalHoldsABoundedNumberOfSessionsAndTheOldestEnds() throws Exception {
        Api many = admin.as("mcp-many-sessions", "agent");
        List<String> opened = new java.util.ArrayList<>();
        for (int i = 0; i < 33; i++) {
            opened.add(initializeRaw(many.token()));
        }
        String list = "{\"jsonrpc\":\"2.0\",\"id\":9,\"method\":\"tools/list\"}";

        assertThat(postRaw(many.token(), opened.getFirst(), list).statusCode())
                .as("the least recently used of 33 sessions ended (at most 32 per principal)")
                .isEqualTo(404);
        assertThat(postRaw(many.token(), opened.get(1), list).statusCode()).isEqualTo(200);
        assertThat(postRaw(many.token(), opened.getLast(), list).statusCode()).isEqualTo(200);
    }

    @Test
    void refusalsAreNeverSilent() throws Exception {
        HttpResponse<String> anonymous = postRaw(null, null, initialize());
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(Json.mapper()
                        .readTree(anonymous.body())
                        .get("error")
                        .get("code")
                        .asText())
                .isEqualTo("UNAUTHENTICATED");

        HttpResponse<String> garbage = postRaw(agent.token(), null, "{\"hello\": \"world\"}");
        assertThat(garbage.statusCode()).isEqualTo(400);
        assertThat(Json.mapper()
                        .readTree(garbage.body())
                        .get("error")
                        .get("code")
                        .asInt())
                .isEqualTo(McpSchema.ErrorCodes.PARSE_ERROR);

        HttpResponse<String> notJson = postRaw(agent.token(), null, "{not json");
        assertThat(notJson.statusCode()).isEqualTo(400);
        assertThat(Json.mapper()
                        .readTree(notJson.body())
                        .get("error")
                        .get("code")
                        .asInt())
                .isEqualTo(McpSchema.ErrorCodes.PARSE_ERROR);

        HttpResponse<String> noSession =
                postRaw(agent.token(), null, "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/list\"}");
        assertThat(noSession.statusCode()).isEqualTo(400);
        assertThat(noSession.body()).contains("Mcp-Session-Id");

        String session = initializeRaw(agent.token());
        HttpResponse<String> unknownTool = postRaw(
                agent.token(),
                session,
                "{\"jsonrpc\":\"2.0\",\"id\":4,\"method\":\"tools/call\",\"params\":{\"name\":\"no_such_tool\"}}");
        assertThat(unknownTool.body()).contains("\"error\"").contains("no_such_tool");
    }

    @Test
    void theStdioBridgeReachesTheSameServer() {
        try (Client client = Client.over(stdio(agent.token()))) {
            assertThat(client.tools()).extracting(McpSchema.Tool::name).contains("file_read", "shell_run");

            CompletableFuture<McpSchema.CallToolResult> call = client.callWithProgress(
                            "shell_run", Map.of("command", "echo bridged-over-stdio"), "stdio-1")
                    .toFuture();
            String actionId = pendingApproval("bridged-over-stdio", call);
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> !client.progress().isEmpty());
            assertThat(admin.post("/v1/actions/" + actionId + "/approve", Map.of())
                            .status())
                    .isEqualTo(200);

            McpSchema.CallToolResult result =
                    call.orTimeout(CALL.toSeconds(), TimeUnit.SECONDS).join();
            assertThat(result.isError()).as(text(result)).isFalse();
            assertThat(text(result)).contains("bridged-over-stdio");
        }
    }

    private static String initialize() {
        return "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-06-18\","
                + "\"capabilities\":{},\"clientInfo\":{\"name\":\"raw\",\"version\":\"1\"}}}";
    }

    private static String initializeRaw(String token) throws Exception {
        HttpResponse<String> answer = postRaw(token, null, initialize());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return answer.headers().firstValue("Mcp-Session-Id").orElseThrow();
    }

    private static HttpResponse<String> postRaw(String token, String session, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(system.gatewayUrl() + "/mcp"))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .header("Accept", "application/json, text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (session != null) {
            request.header("Mcp-Session-Id", session);
        }
        try (HttpClient http = HttpClient.newHttpClient()) {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        }
    }
}
