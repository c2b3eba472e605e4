package dev.handrail.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.handrail.contracts.message.BreakerStateChanged;
import dev.handrail.contracts.message.Envelope;
import dev.handrail.devkit.Ports;
import io.nats.client.Connection;
import io.nats.client.Dispatcher;
import io.nats.client.Nats;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The health service end to end, the five services as their own JVMs: dead letters replayed
 * through policy (and its approval gate), a breaker tripped by failures refusing actions with
 * {@code circuit_open}, and the executor killed under load and restarted: its node fails, its
 * breaker is held open, an incident opens; back, the breaker goes half-open then closed and the
 * incident closes. The breaker events are read off the feed with a NATS tap of the test's own.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HealthIT {

    private static final Duration WAIT = Duration.ofSeconds(60);
    /** The name of the local node's breaker, which is also its key in the health summary and its incidents. */
    private static final String NODE_BREAKER = "node:" + LocalSystem.NODE;

    private static LocalSystem system;
    private static Api api;
    /** Plans the shell commands, so the admin may approve them (nobody decides on their own plan). */
    private static Api agent;

    private static Api operator;
    private static Path workspace;
    private static Connection nats;
    private static final List<BreakerStateChanged> breakerEvents = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void startSystem() throws IOException, InterruptedException {
        // Reads are eventually consistent (audit projects the feed): a 404 or a missing field
        // while waiting means "not yet", not failure.
        Awaitility.ignoreExceptionsByDefault();
        Path home = Files.createTempDirectory("handrail-health-it");
        workspace = Files.createDirectories(Settings.defaultWorkspace(home));
        Path repo = Path.of(System.getProperty("handrail.repo", ".."))
                .toAbsolutePath()
                .normalize();
        // A longer first NATS connect: the services start at once on two shared cores, and the executor is restarted.
        system = LocalSystem.start(
                new Settings(Ports.free(), home, workspace, repo, null, null, false),
                Map.of("NATS_DEFAULT_CONNECTION_TIMEOUT", "20s"));
        api = Api.admin(system);
        agent = api.as("health-it-agent", "agent");
        operator = api.as("health-it-operator", "operator");
        nats = Nats.connect(system.infrastructure().natsUrl());
        Dispatcher tap = nats.createDispatcher(
                m -> breakerEvents.add(Envelope.parse(m.getData()).message(BreakerStateChanged.class)));
        tap.subscribe("handrail.v1.events.breaker.>");
        await().atMost(WAIT)
                .untilAsserted(() -> assertThat(api.get("/v1/health/summary")
                                .body()
                                .path("dependencies")
                                .path(NODE_BREAKER)
                                .path("state")
                                .asText())
                        .isEqualTo("healthy"));
    }

    @AfterAll
    static void stopSystem() throws InterruptedException {
        if (nats != null) {
            nats.close();
        }
        if (system != null) {
            system.close();
        }
    }

    @Test
    @Order(1)
    void aFailedReadIsDeadLetteredAndItsReplayIsANewActionThroughPolicyMadeOnceHoweverOftenAsked() throws IOException {
        String file = "later-" + UUID.randomUUID() + ".txt";
        Api.Answer failed =
                api.plan(Map.of("intent", "file.read", "params", Map.of("path", file), "session_id", "s-dl"));
        assertThat(failed.body().path("state").asText()).isEqualTo("failed");
        String original = failed.body().path("action_id").asText();
        JsonNode letter = awaitDeadLetter(original);
        assertThat(letter.path("failure_class").asText()).isEqualTo("validation");
        assertThat(letter.path("error_code").asText()).isEqualTo("FILE_NOT_FOUND");
        Files.writeString(workspace.resolve(file), "here now");

        Api.Answer replay = api.post("/v1/dead-letters/" + letter.path("id").asText() + "/replay", "");
        Api.Answer again = api.post("/v1/dead-letters/" + letter.path("id").asText() + "/replay", "");

        assertThat(replay.status()).isEqualTo(200);
        assertThat(replay.body().path("ok").asBoolean()).isTrue();
        assertThat(replay.body().path("dead_letter_id").asText())
                .isEqualTo(letter.path("id").asText());
        String replayId = replay.body().path("replay_action_id").asText();
        assertThat(replayId).isNotEqualTo(original);
        assertThat(replay.body().path("state").asText()).isIn("succeeded", "approved", "executing");
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.body().path("replay_action_id").asText()).isEqualTo(replayId);
        assertThat(again.body().path("repeated").asBoolean()).isTrue();
        await().atMost(WAIT).until(() -> "succeeded".equals(state(replayId)));
        assertThat(api.get("/v1/actions/" + replayId)
                        .body()
                        .path("action")
                        .path("execution")
                        .path("success")
                        .asBoolean())
                .isTrue();
        await().atMost(WAIT)
                .untilAsserted(() -> assertThat(api.get("/v1/audit-trails/" + replayId)
                                .body()
                                .path("trail")
                                .path("events"))
                        .extracting(e -> e.path("state").asText())
                        .containsExactly("planned", "validated", "approved", "executing", "succeeded"));
        JsonNode linked =
                api.get("/v1/dead-letters/" + letter.path("id").asText()).body();
        assertThat(linked.path("replay_action_id").asText()).isEqualTo(replayId);
        assertThat(linked.path("replayed_at").isTextual()).isTrue();
        assertThat(api.get("/v1/actions?session_id=s-dl&limit=50").body().path("actions"))
                .extracting(a -> a.path("action_id").asText())
                .containsExactlyInAnyOrder(original, replayId);
        assertThat(api.post("/v1/dead-letters/01JNOSUCHDEADLETTER0000000/replay", "")
                        .status())
                .isEqualTo(404);
    }

    @Test
    @Order(2)
    void aReplayedShellCommandNeedsApprovalAgain() {
        String failedId = runShellThatFails("s-shell");
        JsonNode letter = awaitDeadLetter(failedId);

        Api.Answer replay = api.post("/v1/dead-letters/" + letter.path("id").asText() + "/replay", "");

        assertThat(replay.status()).isEqualTo(200);
        assertThat(replay.body().path("state").asText()).isIn("pending_approval", "planned", "validated");
        String replayId = replay.body().path("replay_action_id").asText();
        await().atMost(WAIT).until(() -> "pending_approval".equals(state(replayId)));
        JsonNode action = api.get("/v1/actions/" + replayId).body().path("action");
        assertThat(action.path("state").asText()).isEqualTo("pending_approval");
        assertThat(action.path("requires_confirmation").asBoolean()).isTrue();
        assertThat(api.get("/v1/dead-letters/" + letter.path("id").asText())
                        .body()
                        .path("request")
                        .path("params")
                        .path("command")
                        .asText())
                .isEqualTo("false");
        assertThat(operator.post("/v1/actions/" + replayId + "/deny", Map.of("comment", "replayed in a test"))
                        .status())
                .isEqualTo(200);
    }

    @Test
    @Order(3)
    void aBreakerTrippedByNodeFailuresRefusesActionsWithCircuitOpenUntilReset() throws IOException {
        // Timeouts blame the node (a command that merely exits non-zero blames the request and trips nothing).
        await().atMost(WAIT).until(() -> {
            runShell("s-trip", "sleep 30", 300);
            return "open".equals(breaker(NODE_BREAKER).path("state").asText());
        });
        Files.writeString(workspace.resolve("refused.txt"), "x");

        long[] refusedMs = new long[1];
        Api.Answer[] refusedAnswer = new Api.Answer[1];
        await().atMost(WAIT).until(() -> {
            long start = System.nanoTime();
            refusedAnswer[0] = api.plan(Map.of("intent", "file.read", "params", Map.of("path", "refused.txt")));
            refusedMs[0] = Duration.ofNanos(System.nanoTime() - start).toMillis();
            return "denied".equals(refusedAnswer[0].body().path("state").asText());
        });
        Api.Answer refused = refusedAnswer[0];

        assertThat(refused.body().path("decision").path("reasons"))
                .extracting(JsonNode::asText)
                .contains("circuit_open");
        assertThat(refused.body().path("execution").isNull()).isTrue();
        System.out.printf("circuit_open refusal answered in %d ms%n", refusedMs[0]);
        await().atMost(WAIT).until(() -> openIncident("breaker:" + NODE_BREAKER) != null);

        for (String name : List.of(NODE_BREAKER, NODE_BREAKER + ":shell.run")) {
            Api.Answer reset = api.post("/v1/breakers/" + name + "/reset", "");
            assertThat(reset.status()).isEqualTo(200);
            assertThat(reset.body().path("state").asText()).isEqualTo("closed");
        }
        assertThat(api.post("/v1/breakers/node:nowhere/reset", "").status()).isEqualTo(404);
        await().atMost(WAIT).until(() -> openIncident("breaker:" + NODE_BREAKER) == null);
        await().atMost(WAIT)
                .untilAsserted(() -> assertThat(breakerEvents)
                        .filteredOn(e -> e.name().equals(NODE_BREAKER))
                        .extracting(BreakerStateChanged::state)
                        .containsSubsequence("open", "closed"));
        assertThat(api.plan(Map.of("intent", "file.read", "params", Map.of("path", "refused.txt")))
                        .body()
                        .path("state")
                        .asText())
                .isEqualTo("succeeded");
    }

    @Test
    @Order(4)
    void anExecutorKilledUnderLoadHoldsItsBreakerOpenAndOpensOneIncidentUntilItIsBack() throws IOException {
        Files.writeString(workspace.resolve("load.txt"), "load");
        int eventsBefore = breakerEvents.size();
        Instant killedAt = Instant.now();
        system.service("executor-service").kill();
        List<String> queued = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            Api.Answer accepted =
                    api.plan(Map.of("intent", "file.read", "wait", false, "params", Map.of("path", "load.txt")));
            queued.add(accepted.body().path("action_id").asText());
        }

        await().atMost(WAIT).until(() -> "failed".equals(summaryState()));
        await().atMost(WAIT).until(() -> breaker(NODE_BREAKER).path("held").asBoolean());
        assertThat(breaker(NODE_BREAKER).path("state").asText()).isEqualTo("open");
        await().atMost(WAIT).until(() -> openIncident(NODE_BREAKER) != null);
        String incidentId = openIncident(NODE_BREAKER).path("id").asText();
        long start = System.nanoTime();
        Api.Answer whileDown = api.plan(Map.of("intent", "file.read", "params", Map.of("path", "load.txt")));
        long whileDownMs = Duration.ofNanos(System.nanoTime() - start).toMillis();
        assertThat(whileDown.body().path("state").asText()).isIn("rejected", "denied");
        assertThat(whileDown.body().path("execution").isNull()).isTrue();
        System.out.printf(
                "node down: detected as failed in %d ms, a plan refused in %d ms%n",
                Duration.between(killedAt, Instant.now()).toMillis(), whileDownMs);

        system.restart("executor-service");

        await().atMost(WAIT).until(() -> {
            api.plan(Map.of("intent", "file.read", "params", Map.of("path", "load.txt")));
            return "closed".equals(breaker(NODE_BREAKER).path("state").asText());
        });
        await().atMost(WAIT).until(() -> "healthy".equals(summaryState()));
        await().atMost(WAIT)
                .until(() -> "closed"
                        .equals(api.get("/v1/incidents/" + incidentId)
                                .body()
                                .path("state")
                                .asText()));
        assertThat(breakerEvents.subList(eventsBefore, breakerEvents.size()))
                .filteredOn(e -> e.name().equals(NODE_BREAKER))
                .extracting(e -> e.previousState() + ">" + e.state())
                .containsExactly("closed>open", "open>half_open", "half_open>closed");
        assertThat(api.get("/v1/incidents?kind=node&limit=500").body().path("incidents"))
                .filteredOn(i -> i.path("key").asText().equals(NODE_BREAKER))
                .singleElement()
                .satisfies(i -> {
                    assertThat(i.path("state").asText()).isEqualTo("closed");
                    assertThat(i.path("title").asText()).isEqualTo("Node local is down");
                });
        assertThat(api.get("/v1/incidents/01JNOSUCHINCIDENT000000000").status()).isEqualTo(404);
        for (String id : queued) {
            await().atMost(WAIT).untilAsserted(() -> assertThat(state(id)).isIn("succeeded", "rejected"));
        }
    }

    private static String runShellThatFails(String session) {
        String id = runShell(session);
        await().atMost(WAIT).until(() -> List.of("failed", "dead_lettered").contains(state(id)));
        return id;
    }

    /** Plans {@code false} and approves it if policy holds it for approval; the action's id. */
    private static String runShell(String session) {
        return runShell(session, "false", 0);
    }

    /** Plans {@code command} (with a timeout unless 0) and approves it if policy holds it for approval; the action's id. */
    private static String runShell(String session, String command, int timeoutMs) {
        Map<String, Object> request = new HashMap<>(
                Map.of("intent", "shell.run", "session_id", session, "params", Map.of("command", command)));
        if (timeoutMs > 0) {
            request.put("timeout_ms", timeoutMs);
        }
        Api.Answer planned = agent.plan(request);
        String id = planned.body().path("action_id").asText();
        await().atMost(WAIT).until(() -> !List.of("", "planned", "validated").contains(state(id)));
        if ("pending_approval".equals(state(id))) {
            Api.Answer approved = api.post("/v1/actions/" + id + "/approve", "");
            assertThat(approved.status())
                    .as("approve %s: %s", id, approved.body())
                    .isEqualTo(200);
        }
        return id;
    }

    private static String state(String actionId) {
        JsonNode body = api.get("/v1/actions/" + actionId).body();
        return body == null ? "" : body.path("action").path("state").asText();
    }

    private static JsonNode awaitDeadLetter(String actionId) {
        List<JsonNode> found = new ArrayList<>();
        await().atMost(WAIT).until(() -> {
            found.clear();
            api.get("/v1/dead-letters?limit=500").body().path("dead_letters").forEach(d -> {
                if (d.path("action_id").asText().equals(actionId)) {
                    found.add(d);
                }
            });
            return found.size() == 1;
        });
        return found.getFirst();
    }

    private static JsonNode breaker(String name) {
        return api.get("/v1/breakers").body().path("breakers").path(name);
    }

    private static String summaryState() {
        return api.get("/v1/health/summary")
                .body()
                .path("dependencies")
                .path(NODE_BREAKER)
                .path("state")
                .asText();
    }

    private static JsonNode openIncident(String key) {
        for (JsonNode incident :
                api.get("/v1/incidents?state=open&limit=500").body().path("incidents")) {
            if (incident.path("key").asText().equals(key)) {
                return incident;
            }
        }
        return null;
    }
}
