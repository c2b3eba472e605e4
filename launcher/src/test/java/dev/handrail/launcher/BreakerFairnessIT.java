package dev.handrail.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.handrail.devkit.Ports;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Breakers are fair: one agent's burst of bad requests (sandbox escapes, missing files, commands
 * that exit non-zero, bad parameters) blames the request, never the node, so every breaker stays
 * closed and another agent's {@code file.read} still runs. Node failures trip breakers
 * ({@link HealthIT}).
 */
class BreakerFairnessIT {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String NODE_BREAKER = "node:" + LocalSystem.NODE;

    private static LocalSystem system;
    private static Api api;
    private static Api careless;
    private static Api careful;
    private static Path workspace;

    @BeforeAll
    static void startSystem() throws IOException {
        Awaitility.ignoreExceptionsByDefault();
        Path home = Files.createTempDirectory("handrail-fairness-it");
        workspace = Files.createDirectories(Settings.defaultWorkspace(home));
        Path repo = Path.of(System.getProperty("handrail.repo", ".."))
                .toAbsolutePath()
                .normalize();
        system = LocalSystem.start(
                new Settings(Ports.free(), home, workspace, repo, null, null, false),
                Map.of("NATS_DEFAULT_CONNECTION_TIMEOUT", "20s"));
        api = Api.admin(system);
        careless = api.as("fairness-careless-agent", "agent");
        careful = api.as("fairness-careful-agent", "agent");
        await().atMost(WAIT)
                .untilAsserted(() -> assertThat(api.get("/v1/health/summary")
                                .body()
                                .path("dependencies")
                                .has(NODE_BREAKER))
                        .isTrue());
    }

    @AfterAll
    static void stopSystem() {
        if (system != null) {
            system.close();
        }
    }

    @Test
    void twoHundredBadRequestsFromOneAgentLeaveEveryBreakerClosedAndAnotherAgentsReadSucceeds() throws IOException {
        Files.writeString(workspace.resolve("shared.txt"), "for everyone");
        List<Map<String, Object>> bad = List.of(
                Map.of("intent", "file.read", "params", Map.of("path", "../../etc/passwd")),
                Map.of("intent", "file.read", "params", Map.of("path", "no-such-file.txt")),
                Map.of("intent", "file.read", "params", Map.of("path", "/etc/shadow")),
                Map.of("intent", "shell.run", "params", Map.of("command", "false")),
                Map.of("intent", "shell.run", "params", Map.of("command", "ls /no/such/dir")),
                Map.of("intent", "file.read", "params", Map.of("path", 42)),
                Map.of("intent", "file.read", "params", Map.of()));
        List<String> failed = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(4)) {
            List<CompletableFuture<Api.Answer>> answers = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                Map<String, Object> request = new HashMap<>(bad.get(i % bad.size()));
                request.put("session_id", "s-careless");
                answers.add(CompletableFuture.supplyAsync(() -> planAndApprove(request), pool));
            }
            for (CompletableFuture<Api.Answer> answer : answers) {
                JsonNode body = answer.join().body();
                if ("failed".equals(body.path("state").asText())) {
                    failed.add(body.path("execution").path("error_code").asText());
                }
            }
        }
        System.out.println(
                "Bad requests that ran and failed on the node: " + failed.size() + " " + new TreeSet<>(failed));
        assertThat(failed)
                .as("some of the bad requests must have reached the node")
                .isNotEmpty()
                .contains("PATH_OUTSIDE_WORKSPACE", "FILE_NOT_FOUND", "COMMAND_FAILED");

        JsonNode breakers = api.get("/v1/breakers").body().path("breakers");
        breakers.fields()
                .forEachRemaining(b -> assertThat(b.getValue().path("state").asText())
                        .as("breaker %s after the burst: %s", b.getKey(), b.getValue())
                        .isEqualTo("closed"));
        JsonNode read = careful.plan(Map.of(
                        "intent", "file.read", "params", Map.of("path", "shared.txt"), "session_id", "s-careful"))
                .body();
        assertThat(read.path("state").asText()).as(read.toString()).isEqualTo("succeeded");
        assertThat(read.path("execution").path("output").toString()).contains("for everyone");
    }

    /** Plans as the careless agent; a shell command held for approval is approved by the admin. */
    private static Api.Answer planAndApprove(Map<String, Object> request) {
        Api.Answer planned = careless.plan(request);
        if (!"pending_approval".equals(planned.body().path("state").asText())) {
            return planned;
        }
        return api.post("/v1/actions/" + planned.body().path("action_id").asText() + "/approve", "");
    }
}
