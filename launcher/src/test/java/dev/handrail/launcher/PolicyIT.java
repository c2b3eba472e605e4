package dev.handrail.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.handrail.contracts.json.Json;
import dev.handrail.devkit.Ports;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Policy end to end over HTTP: evaluate, the kill switch, disabling a capability, the approvals
 * API with hold, what-if on recorded history, and 429 for a spent rate. The system runs with a
 * policy file in its home that allows each principal three actions a minute; every test plans
 * as a principal of its own.
 */
class PolicyIT {

    private static final String POLICY = """
            version: it-1
            budgets:
              per_principal_per_minute: 3
            rules: []
            """;

    private static LocalSystem system;
    private static Api admin;
    private static Path workspace;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void startSystem() throws IOException {
        // Reads are eventually consistent (audit projects the feed): a 404 or a missing field
        // while waiting means "not yet", not failure.
        Awaitility.ignoreExceptionsByDefault();
        Path home = Files.createTempDirectory("handrail-policy-it");
        workspace = Files.createDirectories(Settings.defaultWorkspace(home));
        Files.writeString(workspace.resolve("notes.txt"), "policy notes");
        Files.writeString(home.resolve("policy.yaml"), POLICY);
        Path repo = Path.of(System.getProperty("handrail.repo", ".."))
                .toAbsolutePath()
                .normalize();
        system = LocalSystem.start(new Settings(Ports.free(), home, workspace, repo, null, null, false));
        admin = Api.admin(system);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            Api.Answer capabilities = admin.get("/v1/capabilities");
            assertThat(capabilities.status()).isEqualTo(200);
            assertThat(capabilities
                            .body()
                            .get("capabilities")
                            .get(0)
                            .get("implemented")
                            .asBoolean())
                    .isTrue();
        });
    }

    @AfterAll
    static void stopSystem() {
        if (system != null) {
            system.close();
        }
    }

    @Test
    void servesThePolicyFileFromTheHome() {
        Api.Answer status = admin.get("/v1/policy");

        assertThat(status.status()).isEqualTo(200);
        assertThat(status.body().get("version").asText()).isEqualTo("it-1");
        assertThat(status.body().get("source").asText()).endsWith("policy.yaml");
    }

    @Test
    void evaluatesAPlanWithoutCreatingAnAction() {
        String principal = "eval-" + UUID.randomUUID();
        Api agent = admin.as(principal, "agent");

        Api.Answer answer =
                agent.post("/v1/policy/evaluate", Map.of("intent", "shell.run", "params", Map.of("command", "ls")));

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body().get("ok").asBoolean()).isTrue();
        assertThat(answer.body().get("validation").get("valid").asBoolean()).isTrue();
        assertThat(answer.body().get("decision").get("effect").asText()).isEqualTo("require_approval");
        assertThat(answer.body().get("decision").get("reasons").get(0).asText()).isEqualTo("risk_requires_approval");
        assertThat(answer.body().get("decision").get("policy_version").asText()).isEqualTo("it-1");
        Api.Answer blocked = agent.post(
                "/v1/policy/evaluate",
                Map.of("intent", "shell.run", "params", Map.of("command", "powershell -Command Stop-Computer")));
        assertThat(blocked.body().get("decision").get("effect").asText()).isEqualTo("deny");
        assertThat(blocked.body().get("decision").get("reasons").get(0).asText())
                .isEqualTo("blocked_command");
        assertThat(admin.get("/v1/actions?principal=" + principal)
                        .body()
                        .get("total")
                        .asLong())
                .isZero();
    }

    @Test
    void theKillSwitchDeniesPlansInScopeUntilReleased() {
        Api agent = admin.as("ks-" + UUID.randomUUID(), "agent");
        Api.Answer engaged = admin.post(
                "/v1/kill-switch",
                Map.of("scope", "capability:file.read", "engaged", true, "reason", "end-to-end test"));
        assertThat(engaged.status()).isEqualTo(200);
        try {
            assertThat(admin.get("/v1/kill-switch").body().get("engaged").toString())
                    .contains("capability:file.read");

            Api.Answer denied = agent.plan(Map.of("intent", "file.read", "params", Map.of("path", "notes.txt")));

            assertThat(denied.body().get("state").asText()).isEqualTo("denied");
            assertThat(denied.body().get("decision").get("reasons").get(0).asText())
                    .isEqualTo("kill_switch");
        } finally {
            admin.post("/v1/kill-switch", Map.of("scope", "capability:file.read", "engaged", false, "reason", "done"));
        }
        Api.Answer after = agent.plan(Map.of("intent", "file.read", "params", Map.of("path", "notes.txt")));
        assertThat(after.body().get("state").asText()).isEqualTo("succeeded");
        assertThat(admin.post("/v1/kill-switch", Map.of("scope", "planet:earth", "engaged", true))
                        .status())
                .isEqualTo(400);
    }

    @Test
    void aDisabledCapabilityIsDeniedAndListedDisabled() {
        Api agent = admin.as("cap-" + UUID.randomUUID(), "agent");
        HttpResponse<String> patched = patch("/v1/capabilities/file.read", Map.of("enabled", false));
        assertThat(patched.statusCode()).isEqualTo(200);
        try {
            assertThat(Json.read(patched.body().getBytes(StandardCharsets.UTF_8), JsonNode.class)
                            .get("enabled")
                            .asBoolean())
                    .isFalse();
            JsonNode fileRead =
                    admin.get("/v1/capabilities").body().get("capabilities").get(0);
            assertThat(fileRead.get("enabled").asBoolean()).isFalse();

            Api.Answer denied = agent.plan(Map.of("intent", "file.read", "params", Map.of("path", "notes.txt")));

            assertThat(denied.body().get("state").asText()).isEqualTo("denied");
            assertThat(denied.body().get("decision").get("reasons").get(0).asText())
                    .isEqualTo("capability_disabled");
        } finally {
            patch("/v1/capabilities/file.read", Map.of("enabled", true));
        }
        assertThat(patch("/v1/capabilities/file.delete", Map.of("enabled", true))
                        .statusCode())
                .isEqualTo(404);
    }

    @Test
    void approvalsCanBeHeldThenApprovedAndRecordWhoDecided() {
        Api agent = admin.as("appr-" + UUID.randomUUID(), "agent");
        Api.Answer planned = agent.plan(Map.of(
                "intent", "file.write", "params", Map.of("path", "held.txt", "content", "written after a hold")));
        assertThat(planned.body().get("state").asText()).isEqualTo("pending_approval");
        String id = planned.body().get("action_id").asText();
        assertThat(admin.get("/v1/approvals?state=pending")
                        .body()
                        .get("approvals")
                        .toString())
                .contains(id);

        Api.Answer held =
                admin.post("/v1/approvals/" + id + "/decide", Map.of("decision", "hold", "comment", "checking"));
        assertThat(held.status()).isEqualTo(200);
        assertThat(held.body().get("on_hold").asBoolean()).isTrue();

        Api.Answer approved =
                admin.post("/v1/approvals/" + id + "/decide", Map.of("decision", "approve", "comment", "fine"));

        assertThat(approved.status()).isEqualTo(200);
        assertThat(approved.body().get("state").asText()).isEqualTo("succeeded");
        JsonNode approval = admin.get("/v1/approvals/" + id).body();
        assertThat(approval.get("state").asText()).isEqualTo("approved");
        assertThat(approval.get("history"))
                .extracting(e -> e.get("verdict").asText())
                .containsExactly("hold", "approve");
        assertThat(approval.get("history").get(1).get("comment").asText()).isEqualTo("fine");
        assertThat(admin.post("/v1/approvals/" + id + "/decide", Map.of("decision", "deny"))
                        .status())
                .isEqualTo(409);
        assertThat(admin.post("/v1/approvals/" + id + "/decide", Map.of("decision", "maybe"))
                        .status())
                .isEqualTo(400);
    }

    @Test
    void whatIfReportsTheRecordedDecisionsACandidatePolicyWouldChange() {
        Api agent = admin.as("wi-" + UUID.randomUUID(), "agent");
        String id = agent.plan(Map.of("intent", "file.write", "params", Map.of("path", "w.txt", "content", "x")))
                .body()
                .get("action_id")
                .asText();
        String candidate =
                "version: candidate-1\nrules:\n  - id: no-writes\n    match: {intent: file.write}\n    effect: deny\n";

        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            Api.Answer report = admin.post("/v1/policy/what-if", Map.of("policy", candidate, "limit", 50));
            assertThat(report.status()).isEqualTo(200);
            assertThat(report.body().get("candidate_version").asText()).isEqualTo("candidate-1");
            assertThat(report.body().get("changes").toString()).contains(id).contains("policy_rule:no-writes");
        });
        Api.Answer invalid = admin.post("/v1/policy/what-if", Map.of("policy", "version: x\nrules:\n  - id: r\n"));
        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.body().get("error").get("code").asText()).isEqualTo("POLICY_INVALID");
    }

    @Test
    void aSpentRateIsAnswered429WithRetryAfter() {
        String token = admin.post("/v1/tokens", Map.of("principal", "rate-" + UUID.randomUUID(), "role", "agent"))
                .body()
                .get("token")
                .asText();
        Map<String, Object> plan = Map.of("intent", "file.read", "params", Map.of("path", "notes.txt"));
        for (int i = 0; i < 3; i++) {
            assertThat(send("POST", "/v1/actions/plan", plan, token).statusCode())
                    .isEqualTo(200);
        }

        HttpResponse<String> limited = send("POST", "/v1/actions/plan", plan, token);

        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(limited.headers().firstValue("Retry-After")).contains("60");
        JsonNode body = Json.read(limited.body().getBytes(StandardCharsets.UTF_8), JsonNode.class);
        assertThat(body.get("state").asText()).isEqualTo("denied");
        assertThat(body.get("decision").get("reasons").get(0).asText()).isEqualTo("rate_limited");
    }

    private static HttpResponse<String> patch(String path, Object body) {
        return send("PATCH", path, body, system.adminToken());
    }

    private static HttpResponse<String> send(String method, String path, Object body, String token) {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(system.gatewayUrl() + path))
                    .header("Authorization", "Bearer " + token)
                    .header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofByteArray(Json.bytes(body)))
                    .timeout(Duration.ofSeconds(30))
                    .build();
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
