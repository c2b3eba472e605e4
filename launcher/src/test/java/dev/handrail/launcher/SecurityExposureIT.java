package dev.handrail.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.handrail.contracts.json.Json;
import dev.handrail.devkit.Infrastructure;
import dev.handrail.devkit.Ports;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What a running system shows to whom, end to end: the public ports answer a bare liveness and
 * nothing else, the management ports listen on loopback and name no credential, the gateway
 * refuses at the door what the system could not carry or store, and each service holds only the
 * secrets it needs.
 */
class SecurityExposureIT {

    private static final List<String> MANAGEMENT_PATHS = List.of(
            "/health", "/health/liveness", "/health/readiness", "/metrics", "/metrics/jvm.memory.used", "/prometheus");
    private static final List<String> CLOSED_PATHS = List.of(
            "/beans",
            "/routes",
            "/threaddump",
            "/refresh",
            "/env",
            "/loggers",
            "/metrics",
            "/prometheus",
            "/health/liveness",
            "/health/readiness");

    private static LocalSystem system;
    private static Api admin;

    @BeforeAll
    static void startSystem() throws IOException {
        Awaitility.ignoreExceptionsByDefault();
        Path home = Files.createTempDirectory("handrail-exposure-it");
        Path workspace = Files.createDirectories(Settings.defaultWorkspace(home));
        Files.writeString(workspace.resolve("notes.txt"), "notes");
        Path repo = Path.of(System.getProperty("handrail.repo", ".."))
                .toAbsolutePath()
                .normalize();
        // Persistent, as ./handrail up runs: the bootstrap token is kept in a file under home.
        // JSON logs here (text everywhere else), so the secrets check covers both forms.
        system = LocalSystem.start(
                new Settings(Ports.free(), home, workspace, repo, null, null, true),
                Map.of("HANDRAIL_LOG_FORMAT", "json"));
        admin = Api.admin(system);
        admin.awaitNodeImplements("file.read");
    }

    @AfterAll
    static void stopSystem() {
        if (system != null) {
            system.close();
        }
    }

    @Test
    void thePublicPortOfEveryServiceAnswersOnlyABareLiveness() {
        for (String module : LocalSystem.modules()) {
            Api open = new Api("http://127.0.0.1:" + system.service(module).port(), null);

            HttpResponse<String> health = open.text("/health");
            assertThat(health.statusCode()).as(module + " /health").isEqualTo(200);
            assertThat(health.body()).as(module + " /health").isEqualTo("{\"status\":\"UP\"}");
            for (String path : CLOSED_PATHS) {
                assertThat(open.text(path).statusCode()).as(module + " " + path).isIn(401, 404);
            }
        }
    }

    @Test
    void managementEndpointsListenOnLoopbackOnlyAndUnneededOnesAreOff() throws IOException {
        for (String module : LocalSystem.modules()) {
            ServiceProcess service = system.service(module);
            List<String> listening = listeningAddresses(service.managementPort());

            assertThat(listening)
                    .as(module + " management port")
                    .isNotEmpty()
                    .allSatisfy(address -> assertThat(address).endsWith("0100007F"));
            Api management = new Api(service.managementUrl(), null);
            JsonNode health = management.get("/health").body();
            assertThat(health.get("status").asText()).isEqualTo("UP");
            assertThat(health.get("details").get("nats").get("status").asText())
                    .as(module)
                    .isEqualTo("UP");
            assertThat(management.text("/prometheus").body()).contains("jvm_memory_used_bytes");
            for (String path : List.of("/beans", "/routes", "/threaddump", "/refresh", "/env")) {
                assertThat(management.text(path).statusCode())
                        .as(module + " management " + path)
                        .isEqualTo(404);
            }
        }
    }

    @Test
    void withJsonLogsEveryServiceWritesOneJsonObjectPerLine() throws IOException {
        for (String module : LocalSystem.modules()) {
            List<String> lines = Files.readAllLines(system.service(module).log()).stream()
                    .filter(line -> line.startsWith("{"))
                    .toList();
            assertThat(lines).as(module + " log lines in JSON").isNotEmpty();
            for (String line : lines) {
                JsonNode json = Json.mapper().readTree(line);
                assertThat(json.has("timestamp") && json.has("level") && json.has("formattedMessage"))
                        .as(module + ": " + line)
                        .isTrue();
            }
        }
    }

    @Test
    void noManagementAnswerAndNoLogOfAnyServiceHoldsASecret() throws IOException {
        List<String> secrets = Secrets.of(system);
        admin.plan(Map.of("intent", "file.read", "params", Map.of("path", "notes.txt")));

        for (String module : LocalSystem.modules()) {
            Api management = new Api(system.service(module).managementUrl(), null);
            for (String path : MANAGEMENT_PATHS) {
                HttpResponse<String> answer = management.text(path);
                assertThat(answer.statusCode()).as(module + " " + path).isIn(200, 503);
                Secrets.assertNoneIn(module + " " + path, answer.body(), secrets);
            }
            Secrets.assertNoneIn(
                    module + " log", Files.readString(system.service(module).log()), secrets);
        }
        assertThat(new Api(system.service("gateway-service").managementUrl(), null)
                        .text("/health")
                        .body())
                .contains("nats://gateway:***@");
    }

    @Test
    void valuesTheSystemCannotStoreAreRefusedAtTheDoor() {
        String pending = admin.as("planner", "agent")
                .plan(Map.of("intent", "shell.run", "params", Map.of("command", "true")))
                .body()
                .get("action_id")
                .asText();
        Map<String, String> bodies = Map.of(
                "NUL in metadata",
                        "{\"intent\":\"file.read\",\"params\":{\"path\":\"notes.txt\"},\"metadata\":{\"n\":\"a\\u0000\"}}",
                "NUL in session_id", "{\"intent\":\"file.read\",\"session_id\":\"s\\u0000\"}",
                "NUL in idempotency_key", "{\"intent\":\"file.read\",\"idempotency_key\":\"k\\u0000\"}",
                "lone surrogate", "{\"intent\":\"file.read\",\"metadata\":{\"n\":\"\\ud800\"}}",
                "400 digits", "{\"intent\":\"file.read\",\"metadata\":{\"n\":" + "7".repeat(400) + "}}",
                "nesting 65", "{\"intent\":\"file.read\",\"metadata\":" + "[".repeat(64) + "]".repeat(64) + "}",
                "nesting 998", "{\"intent\":\"file.read\",\"metadata\":" + "[".repeat(997) + "]".repeat(997) + "}");

        bodies.forEach((what, body) -> {
            Api.Answer answer = admin.post("/v1/actions/plan", body);
            assertThat(answer.status()).as(what).isEqualTo(400);
            assertThat(answer.body().get("error").get("code").asText()).as(what).isEqualTo("INVALID_JSON_VALUE");
        });
        Api.Answer comment = admin.post("/v1/actions/" + pending + "/approve", "{\"comment\":\"fine\\u0000\"}");
        assertThat(comment.status()).isEqualTo(400);
        assertThat(comment.body().get("error").get("code").asText()).isEqualTo("INVALID_JSON_VALUE");
        await().untilAsserted(() -> assertThat(admin.get("/v1/actions/" + pending)
                        .body()
                        .get("action")
                        .get("state")
                        .asText())
                .isEqualTo("pending_approval"));
    }

    @Test
    void aBodyJustUnderOneMebibyteIsRefusedWith413AndTheLargestAcceptedOneIsCarriedAndRecorded() {
        Api.Answer tooLarge = admin.plan(Map.of(
                "intent",
                "file.read",
                "params",
                Map.of("path", "notes.txt"),
                "metadata",
                Map.of("n", "x".repeat(1024 * 1024 - 1024))));
        assertThat(tooLarge.status()).isEqualTo(413);
        assertThat(tooLarge.body().get("error").get("code").asText()).isEqualTo("PAYLOAD_TOO_LARGE");

        Api.Answer largest = admin.plan(Map.of(
                "intent",
                "file.read",
                "params",
                Map.of("path", "notes.txt"),
                "metadata",
                Map.of("n", "x".repeat(900 * 1024))));
        assertThat(largest.status()).as(String.valueOf(largest.body())).isEqualTo(200);
        String id = largest.body().get("action_id").asText();
        await().untilAsserted(() -> assertThat(
                        admin.get("/v1/audit-trails/" + id).body().get("trail").get("events"))
                .hasSize(5));
    }

    @Test
    void theExecutorHoldsNeitherTheBootstrapTokenNorTheDatabaseUrl() throws IOException {
        Map<String, String> executor =
                environment(system.service("executor-service").pid());
        Map<String, String> gateway =
                environment(system.service("gateway-service").pid());
        Map<String, String> policy =
                environment(system.service("policy-service").pid());

        assertThat(executor).doesNotContainKeys(LocalSystem.BOOTSTRAP_TOKEN_ENV, Infrastructure.ENV_DB_URL);
        assertThat(String.join("\n", executor.values()))
                .doesNotContain(system.adminToken())
                .doesNotContain(system.infrastructure().jdbcUrl())
                .doesNotContain("jdbc:");
        assertThat(executor.get(Infrastructure.ENV_NATS_URL)).contains("executor-" + LocalSystem.NODE + ":");
        assertThat(gateway)
                .containsEntry(LocalSystem.BOOTSTRAP_TOKEN_ENV, system.adminToken())
                .doesNotContainKey(Infrastructure.ENV_DB_URL);
        assertThat(policy).containsKey(Infrastructure.ENV_DB_URL).doesNotContainKey(LocalSystem.BOOTSTRAP_TOKEN_ENV);
    }

    @Test
    void theBootstrapTokenFileIsTheOwnersAloneAndTheWorkspaceIsNotBesideIt() throws IOException {
        Path token = system.settings().home().resolve(BootstrapTokenFile.FILE);
        Path workspace = system.settings().workspace().toRealPath();

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(token)))
                .isEqualTo("rw-------");
        assertThat(Files.readString(token).trim()).isEqualTo(system.adminToken());
        assertThat(workspace.startsWith(token.getParent().toRealPath())).isFalse();
        assertThat(token.getParent().toRealPath().startsWith(workspace)).isFalse();
        assertThat(workspace.getParent()).isNotEqualTo(token.getParent().toRealPath());
    }

    /** The environment a process was started with, as {@code /proc/<pid>/environ} shows it to any process of its user. */
    private static Map<String, String> environment(long pid) throws IOException {
        Map<String, String> env = new java.util.HashMap<>();
        for (String entry : Files.readString(Path.of("/proc", Long.toString(pid), "environ"))
                .split("\0")) {
            int eq = entry.indexOf('=');
            if (eq > 0) {
                env.put(entry.substring(0, eq), entry.substring(eq + 1));
            }
        }
        return env;
    }

    /** The local addresses (hex, as {@code /proc/net/tcp*} writes them) listening on {@code port}. */
    private static List<String> listeningAddresses(int port) throws IOException {
        String hexPort = String.format(":%04X", port);
        List<String> addresses = new ArrayList<>();
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            Path file = Path.of(table);
            if (!Files.exists(file)) {
                continue;
            }
            List<String> lines = Files.readAllLines(file);
            for (String line : lines.subList(1, lines.size())) {
                String[] fields = line.trim().split("\\s+");
                if (fields[1].endsWith(hexPort) && fields[3].equals("0A")) {
                    addresses.add(fields[1].substring(0, fields[1].length() - hexPort.length()));
                }
            }
        }
        return addresses;
    }
}
