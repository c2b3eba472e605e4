package dev.handrail.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Runs end to end on the real system: create, claim under a lease, steps with tool calls and
 * artifacts, actions planned in a step through policy, budgets, cancellation, leases that expire
 * and stale tokens refused, twenty workers racing for ten runs, and a worker SIGKILLed mid-run
 * whose run another worker finishes without a step recorded twice.
 */
class RunsIT {

    private static LocalSystem system;
    private static Api admin;
    private static Api operator;
    private static Api agent;
    private static Api worker;
    private static Api stranger;

    @BeforeAll
    static void startSystem() {
        Awaitility.ignoreExceptionsByDefault();
        TestHome home = TestHome.create("handrail-runs-it");
        system = LocalSystem.start(home.settings());
        admin = Api.admin(system);
        operator = admin.as("operator-runs", "operator");
        agent = admin.as("agent-runs", "agent");
        worker = admin.as("worker-runs", "agent");
        stranger = admin.as("stranger-runs", "agent");
        admin.awaitNodeImplements("file.read");
        admin.awaitNodeImplements("shell.run");
    }

    @AfterAll
    static void stopSystem() {
        if (system != null) {
            system.close();
        }
    }

    /** Leaves no run claimable for the next test: every queued or running run is cancelled. */
    @AfterEach
    void cancelLeftovers() {
        for (String state : List.of("queued", "running")) {
            for (JsonNode run :
                    admin.get("/v1/runs?limit=200&state=" + state).body().get("runs")) {
                admin.post("/v1/runs/" + run.get("id").asText() + "/cancel", Map.of("reason", "test cleanup"));
            }
        }
    }

    private static String createRun(Api as, Map<String, Object> body) {
        Api.Answer created = as.post("/v1/runs", body);
        assertThat(created.status()).as("%s", created.body()).isEqualTo(201);
        return created.body().get("run").get("id").asText();
    }

    private record Lease(String runId, String token) {}

    private static Lease claim(Api as, String expectedRun) {
        Api.Answer claimed = as.post("/v1/runs/claim", Map.of("ttl_s", 60));
        assertThat(claimed.status()).as("%s", claimed.body()).isEqualTo(200);
        JsonNode run = claimed.body().get("run");
        assertThat(run.get("id").asText()).isEqualTo(expectedRun);
        return new Lease(
                run.get("id").asText(), claimed.body().get("lease").get("token").asText());
    }

    private static String startStep(Api as, Lease lease, String name) {
        Api.Answer step =
                as.post("/v1/runs/" + lease.runId() + "/steps", Map.of("lease_token", lease.token(), "name", name));
        assertThat(step.status()).as("%s", step.body()).isEqualTo(201);
        return step.body().get("step").get("id").asText();
    }

    private static void assertCode(Api.Answer answer, int status, String code) {
        assertThat(answer.status()).as("%s", answer.body()).isEqualTo(status);
        assertThat(answer.body().get("ok").asBoolean()).isFalse();
        assertThat(answer.body().get("error").get("code").asText()).isEqualTo(code);
        assertThat(answer.body().get("error").get("message").asText()).isNotBlank();
    }

    @Test
    void aWorkerClaimsARunAndRecordsStepsToolCallsArtifactsAndActions() {
        String runId = createRun(
                agent,
                Map.of(
                        "title",
                        "Summarise the docs",
                        "session_id",
                        "runs-walk",
                        "budget",
                        Map.of("max_actions", 10, "max_duration_s", 600)));
        JsonNode queued = agent.get("/v1/runs/" + runId).body().get("run");
        assertThat(queued.get("state").asText()).isEqualTo("queued");
        assertThat(queued.get("budget").get("max_actions").asInt()).isEqualTo(10);
        assertThat(queued.get("created_by").asText()).isEqualTo("agent-runs");

        Lease lease = claim(worker, runId);
        String step = startStep(worker, lease, "read the notes");

        Api.Answer call = worker.post(
                "/v1/steps/" + step + "/toolcalls",
                Map.of("lease_token", lease.token(), "name", "grep", "input", Map.of("pattern", "deadline")));
        assertThat(call.status()).as("%s", call.body()).isEqualTo(201);
        String callId = call.body().get("tool_call").get("id").asText();
        assertThat(worker.post(
                                "/v1/toolcalls/" + callId + "/succeed",
                                Map.of("lease_token", lease.token(), "output", Map.of("matches", 2)))
                        .status())
                .isEqualTo(200);
        Api.Answer failedCall =
                worker.post("/v1/steps/" + step + "/toolcalls", Map.of("lease_token", lease.token(), "name", "fetch"));
        String failedId = failedCall.body().get("tool_call").get("id").asText();
        assertThat(worker.post(
                                "/v1/toolcalls/" + failedId + "/fail",
                                Map.of("lease_token", lease.token(), "error", "404 from the wiki"))
                        .status())
                .isEqualTo(200);
        assertCode(
                worker.post("/v1/toolcalls/" + failedId + "/succeed", Map.of("lease_token", lease.token())),
                409,
                "ALREADY_ENDED");

        for (Map<String, Object> artifact : List.of(
                Map.<String, Object>of("name", "notes", "kind", "text", "content", "two deadlines"),
                Map.<String, Object>of("name", "counts", "kind", "json", "content", Map.of("todo", 2)),
                Map.<String, Object>of("name", "wiki", "kind", "uri", "content", "https://example.org/wiki"))) {
            Map<String, Object> body = new HashMap<>(artifact);
            body.put("lease_token", lease.token());
            Api.Answer added = worker.post("/v1/steps/" + step + "/artifacts", body);
            assertThat(added.status()).as("%s", added.body()).isEqualTo(201);
        }
        assertCode(
                worker.post(
                        "/v1/steps/" + step + "/artifacts",
                        Map.of("lease_token", lease.token(), "name", "x", "kind", "uri", "content", "not a uri")),
                400,
                "VALIDATION_FAILED");

        Api.Answer read = worker.plan(Map.of(
                "intent",
                "file.read",
                "params",
                Map.of("path", "notes.txt"),
                "run_id",
                runId,
                "step_id",
                step,
                "lease_token",
                lease.token()));
        assertThat(read.status()).as("%s", read.body()).isIn(200, 422, 404, 500);
        String actionId = read.body().get("action_id").asText();
        assertThat(worker.get("/v1/actions/" + actionId)
                        .body()
                        .get("action")
                        .get("metadata")
                        .get("run_id")
                        .asText())
                .isEqualTo(runId);

        assertThat(worker.post("/v1/steps/" + step + "/succeed", Map.of("lease_token", lease.token(), "output", "done"))
                        .status())
                .isEqualTo(200);
        Api.Answer completed = worker.post(
                "/v1/runs/" + runId + "/complete",
                Map.of("lease_token", lease.token(), "result", Map.of("summary", "two deadlines")));
        assertThat(completed.status()).as("%s", completed.body()).isEqualTo(200);
        assertThat(completed.body().get("run").get("state").asText()).isEqualTo("completed");
        assertCode(
                worker.post("/v1/runs/" + runId + "/complete", Map.of("lease_token", lease.token())),
                409,
                "ALREADY_ENDED");

        JsonNode run = operator.get("/v1/runs/" + runId).body().get("run");
        assertThat(run.get("state").asText()).isEqualTo("completed");
        assertThat(run.get("result").get("summary").asText()).isEqualTo("two deadlines");
        assertThat(run.get("actions_admitted").asInt()).isEqualTo(1);
        JsonNode only = run.get("steps").get(0);
        assertThat(only.get("state").asText()).isEqualTo("succeeded");
        assertThat(only.get("tool_calls"))
                .extracting(c -> c.get("state").asText())
                .containsExactly("succeeded", "failed");
        assertThat(only.get("artifacts"))
                .extracting(a -> a.get("kind").asText())
                .containsExactly("text", "json", "uri");
        assertThat(only.get("artifacts").get(1).get("content").get("todo").asInt())
                .isEqualTo(2);
        assertThat(only.get("actions"))
                .extracting(a -> a.get("action_id").asText())
                .containsExactly(actionId);
        // The run shows the action's projected state (a failed read is dead-lettered), not only policy's decision.
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            String projected = state(actionId);
            assertThat(projected).isIn("succeeded", "failed", "dead_lettered");
            assertThat(operator.get("/v1/runs/" + runId)
                            .body()
                            .at("/run/steps/0/actions/0/state")
                            .asText())
                    .isIn(projected, "dead_lettered");
        });

        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(admin.get("/v1/events?action_id=" + runId + "&limit=100")
                                .body()
                                .get("events"))
                        .extracting(
                                e -> e.get("envelope").get("data").get("event").asText())
                        .containsExactly(
                                "created",
                                "claimed",
                                "step_started",
                                "tool_call_started",
                                "tool_call_succeeded",
                                "tool_call_started",
                                "tool_call_failed",
                                "artifact_added",
                                "artifact_added",
                                "artifact_added",
                                "step_succeeded",
                                "completed"));
        JsonNode trail = worker.get("/v1/runs/" + runId + "/trail").body().get("events");
        assertThat(trail)
                .extracting(e -> e.get("envelope").get("subject").asText())
                .contains(runId, actionId);
        assertThat(trail)
                .extracting(e -> e.get("envelope").get("type").asText())
                .contains("dev.handrail.run.changed.v1", "dev.handrail.action.planned.v1");
        assertThat(trail).extracting(e -> e.get("seq").asLong()).isSorted();
        assertThat(stranger.get("/v1/runs/" + runId + "/trail").status()).isEqualTo(404);
        assertThat(stranger.get("/v1/runs/" + runId).status()).isEqualTo(404);
        assertThat(stranger.get("/v1/runs").body().get("runs"))
                .extracting(r -> r.get("id").asText())
                .doesNotContain(runId);
        assertThat(agent.get("/v1/runs").body().get("runs"))
                .extracting(r -> r.get("id").asText())
                .contains(runId);
    }

    @Test
    void refusesBadRequestsWithTheirCodes() {
        assertCode(agent.post("/v1/runs", "{nope"), 400, "INVALID_JSON");
        assertCode(agent.post("/v1/runs", "[1]"), 400, "INVALID_BODY");
        assertCode(agent.post("/v1/runs", Map.of("session_id", "s")), 400, "INVALID_TITLE");
        assertCode(
                agent.post("/v1/runs", Map.of("title", "t", "budget", Map.of("max_actions", 0))),
                400,
                "VALIDATION_FAILED");
        assertCode(agent.post("/v1/runs", Map.of("title", 7)), 400, "INVALID_BODY");
        assertCode(agent.post("/v1/runs", Map.of("title", "t".repeat(201))), 400, "INVALID_TITLE");
        assertCode(agent.get("/v1/runs?state=" + "x".repeat(40)), 400, "BAD_QUERY");
        assertCode(agent.get("/v1/runs?state=sleeping"), 400, "BAD_QUERY");
        assertCode(agent.get("/v1/runs/no-such-run"), 404, "NOT_FOUND");
        assertCode(operator.post("/v1/runs/no-such-run/cancel", Map.of()), 404, "NOT_FOUND");

        String runId = createRun(agent, Map.of("title", "Refusals"));
        assertCode(stranger.post("/v1/runs/" + runId + "/cancel", Map.of()), 404, "NOT_FOUND");
        assertCode(worker.post("/v1/runs/" + runId + "/steps", Map.of("name", "x")), 400, "VALIDATION_FAILED");
        assertCode(
                worker.post("/v1/runs/" + runId + "/steps", Map.of("name", "x", "lease_token", "forged")),
                409,
                "LEASE_LOST");
        Lease lease = claim(worker, runId);
        assertCode(
                worker.post("/v1/runs/" + runId + "/steps", Map.of("lease_token", lease.token())),
                400,
                "VALIDATION_FAILED");
        assertCode(
                stranger.post("/v1/runs/" + runId + "/steps", Map.of("name", "x", "lease_token", lease.token())),
                409,
                "LEASE_LOST");
        assertCode(
                worker.post("/v1/steps/no-such-step/succeed", Map.of("lease_token", lease.token())), 404, "NOT_FOUND");
        Api.Answer plan =
                worker.plan(Map.of("intent", "file.read", "params", Map.of("path", "a.txt"), "run_id", runId));
        assertCode(plan, 400, "VALIDATION_FAILED");

        Api.Answer cancelled = agent.post("/v1/runs/" + runId + "/cancel", Map.of("reason", "changed my mind"));
        assertThat(cancelled.status()).as("%s", cancelled.body()).isEqualTo(200);
        assertThat(cancelled.body().get("run").get("state").asText()).isEqualTo("cancelled");
        assertCode(agent.post("/v1/runs/" + runId + "/cancel", Map.of()), 409, "ALREADY_ENDED");
        assertCode(
                worker.post("/v1/runs/" + runId + "/lease/heartbeat", Map.of("lease_token", lease.token())),
                409,
                "ALREADY_ENDED");
    }

    @Test
    void aReleasedOrExpiredLeaseRefusesTheOldTokenAndTheRunIsClaimedAgain() {
        String runId = createRun(agent, Map.of("title", "Hand over"));
        Lease first = claim(worker, runId);
        Api.Answer beat = worker.post(
                "/v1/runs/" + runId + "/lease/heartbeat", Map.of("lease_token", first.token(), "ttl_s", 120));
        assertThat(beat.status()).as("%s", beat.body()).isEqualTo(200);
        assertThat(beat.body().get("lease").get("expires_at").asText()).isNotBlank();

        Api.Answer released = worker.post("/v1/runs/" + runId + "/lease/release", Map.of("lease_token", first.token()));
        assertThat(released.body().get("run").get("state").asText()).isEqualTo("queued");
        assertCode(
                worker.post("/v1/runs/" + runId + "/lease/heartbeat", Map.of("lease_token", first.token())),
                409,
                "LEASE_LOST");

        Api.Answer shortLease = worker.post("/v1/runs/claim", Map.of("ttl_s", 5));
        String second = shortLease.body().get("lease").get("token").asText();
        assertThat(second).isNotEqualTo(first.token());
        String step = startStep(worker, new Lease(runId, second), "slow");
        Api.Answer takeover = await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(500))
                .until(
                        () -> stranger.post("/v1/runs/claim", Map.of("ttl_s", 60)),
                        a -> !a.body().get("run").isNull());
        assertThat(takeover.body().get("run").get("id").asText()).isEqualTo(runId);
        assertThat(takeover.body().get("run").get("claims").asInt()).isEqualTo(3);
        assertCode(worker.post("/v1/steps/" + step + "/succeed", Map.of("lease_token", second)), 409, "LEASE_LOST");
        Api.Answer stale = worker.plan(Map.of(
                "intent",
                "file.read",
                "params",
                Map.of("path", "a.txt"),
                "run_id",
                runId,
                "step_id",
                step,
                "lease_token",
                second));
        assertThat(stale.status()).isEqualTo(409);
        assertThat(stale.body().get("state").asText()).as("%s", stale.body()).isEqualTo("rejected");
        assertThat(stale.body().get("error").get("code").asText()).isEqualTo("LEASE_LOST");
    }

    @Test
    void aRunsBudgetDeniesActionsBeyondItAndCancellingWithdrawsItsPendingActions() {
        String runId = createRun(agent, Map.of("title", "Budgeted", "budget", Map.of("max_actions", 2)));
        Lease lease = claim(worker, runId);
        String step = startStep(worker, lease, "read three files");
        List<String> states = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Api.Answer planned = worker.plan(Map.of(
                    "intent",
                    "file.read",
                    "params",
                    Map.of("path", "f" + i + ".txt"),
                    "run_id",
                    runId,
                    "step_id",
                    step,
                    "lease_token",
                    lease.token()));
            states.add(planned.body().get("state").asText());
            if (i == 2) {
                assertThat(planned.body().get("decision").get("reasons").toString())
                        .contains("run_budget_exceeded");
            }
        }
        assertThat(states.subList(0, 2)).doesNotContain("denied", "rejected");
        assertThat(states.get(2)).isEqualTo("denied");

        String other = createRun(agent, Map.of("title", "Waits for a person"));
        Lease lease2 = claim(worker, other);
        String step2 = startStep(worker, lease2, "run a command");
        Api.Answer pending = worker.plan(Map.of(
                "intent",
                "shell.run",
                "params",
                Map.of("command", "echo in-a-run"),
                "run_id",
                other,
                "step_id",
                step2,
                "lease_token",
                lease2.token(),
                "wait",
                false));
        String actionId = pending.body().get("action_id").asText();
        await().atMost(Duration.ofSeconds(30)).until(() -> state(actionId), "pending_approval"::equals);

        assertThat(operator.post("/v1/runs/" + other + "/cancel", Map.of("reason", "not today"))
                        .status())
                .isEqualTo(200);
        await().atMost(Duration.ofSeconds(30)).until(() -> state(actionId), "cancelled"::equals);
        Api.Answer afterCancel = worker.plan(Map.of(
                "intent",
                "file.read",
                "params",
                Map.of("path", "x.txt"),
                "run_id",
                other,
                "step_id",
                step2,
                "lease_token",
                lease2.token()));
        assertThat(afterCancel.body().get("state").asText()).isEqualTo("rejected");
    }

    @Test
    void cancellingARunStopsItsRunningAction() {
        String runId = createRun(agent, Map.of("title", "Stopped mid-action"));
        Lease lease = claim(worker, runId);
        String step = startStep(worker, lease, "wait a minute");
        String actionId = worker.plan(Map.of(
                        "intent",
                        "shell.run",
                        "params",
                        Map.of("command", "sleep 60"),
                        "timeout_ms",
                        120_000,
                        "run_id",
                        runId,
                        "step_id",
                        step,
                        "lease_token",
                        lease.token(),
                        "wait",
                        false))
                .body()
                .get("action_id")
                .asText();
        await().atMost(Duration.ofSeconds(30)).until(() -> state(actionId), "pending_approval"::equals);
        java.util.concurrent.CompletableFuture<Api.Answer> approved =
                java.util.concurrent.CompletableFuture.supplyAsync(
                        () -> operator.post("/v1/actions/" + actionId + "/approve", ""));
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> state(actionId), "executing"::equals);

        assertThat(agent.post("/v1/runs/" + runId + "/cancel", Map.of("reason", "stop now"))
                        .status())
                .isEqualTo(200);

        await().atMost(Duration.ofSeconds(15))
                .until(() -> state(actionId), state -> state.equals("failed") || state.equals("dead_lettered"));
        assertThat(approved.join().body().get("state").asText()).isEqualTo("failed");
        JsonNode action = worker.get("/v1/actions/" + actionId).body().get("action");
        assertThat(action.get("execution").get("error_code").asText()).isEqualTo("RUN_CANCELLED");
        assertThat(action.get("execution").get("error_message").asText())
                .contains(runId)
                .contains("stop now");
    }

    private static String state(String actionId) {
        return worker.get("/v1/actions/" + actionId)
                .body()
                .get("action")
                .get("state")
                .asText();
    }

    @Test
    void twentyWorkersRacingForTenRunsGetEachExactlyOnce() throws Exception {
        List<String> runs = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            runs.add(createRun(agent, Map.of("title", "Race " + i)));
        }
        List<Api> workers = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            workers.add(admin.as("racer-" + i, "agent"));
        }
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(20);
        Map<String, List<String>> claimedBy = new ConcurrentHashMap<>();
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (Api racer : workers) {
                Callable<Integer> claimOnce = () -> {
                    start.await();
                    Api.Answer answer = racer.post("/v1/runs/claim", Map.of("ttl_s", 120));
                    JsonNode run = answer.body().get("run");
                    if (!run.isNull()) {
                        claimedBy
                                .computeIfAbsent(
                                        run.get("id").asText(), k -> new java.util.concurrent.CopyOnWriteArrayList<>())
                                .add(run.get("worker").asText());
                    }
                    return answer.status();
                };
                results.add(pool.submit(claimOnce));
            }
            start.countDown();
            for (Future<Integer> result : results) {
                assertThat(result.get(60, TimeUnit.SECONDS)).isEqualTo(200);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(claimedBy.keySet()).containsExactlyInAnyOrderElementsOf(runs);
        assertThat(claimedBy.values()).allSatisfy(owners -> assertThat(owners).hasSize(1));
        assertThat(claimedBy.values().stream().map(o -> o.get(0)).distinct()).hasSize(10);
    }

    @Test
    void aKilledWorkersRunIsTakenOverAfterItsLeaseExpiresWithoutAStepRecordedTwice() throws Exception {
        String runId = createRun(agent, Map.of("title", "Survives its worker"));
        Api doomed = admin.as("doomed-worker", "agent");
        Process process = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        RunWorker.class.getName(),
                        system.gatewayUrl(),
                        doomed.token())
                .redirectErrorStream(true)
                .start();
        String oldToken;
        try (BufferedReader out =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            List<String> lines = new ArrayList<>();
            String line;
            while ((line = out.readLine()) != null && !line.equals("step s2 started")) {
                lines.add(line);
            }
            assertThat(line).as("worker output: %s", lines).isEqualTo("step s2 started");
            String claimed = lines.stream()
                    .filter(l -> l.startsWith("claimed "))
                    .findFirst()
                    .orElseThrow();
            assertThat(claimed.split(" ")[1]).isEqualTo(runId);
            oldToken = claimed.split(" ")[2];
            process.destroyForcibly();
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        } catch (IOException | RuntimeException | InterruptedException e) {
            process.destroyForcibly();
            throw e;
        }

        Api.Answer takeover = await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(500))
                .until(
                        () -> worker.post("/v1/runs/claim", Map.of("ttl_s", 60)),
                        a -> !a.body().get("run").isNull());
        assertThat(takeover.body().get("run").get("id").asText()).isEqualTo(runId);
        String token = takeover.body().get("lease").get("token").asText();
        JsonNode before = worker.get("/v1/runs/" + runId).body().get("run");
        assertThat(before.get("steps"))
                .extracting(s -> s.get("key").asText() + ":" + s.get("state").asText())
                .containsExactly("s1:succeeded", "s2:running");

        for (String key : List.of("s1", "s2", "s3")) {
            JsonNode known = before.get("steps").findValues("key").stream()
                            .anyMatch(k -> k.asText().equals(key))
                    ? null
                    : before;
            Api.Answer step = worker.post(
                    "/v1/runs/" + runId + "/steps", Map.of("lease_token", token, "name", "step " + key, "key", key));
            assertThat(step.status()).as("%s", step.body()).isEqualTo(known == null ? 200 : 201);
            JsonNode s = step.body().get("step");
            if (s.get("state").asText().equals("running")) {
                assertThat(worker.post("/v1/steps/" + s.get("id").asText() + "/succeed", Map.of("lease_token", token))
                                .status())
                        .isEqualTo(200);
            }
        }
        assertCode(
                doomed.post("/v1/runs/" + runId + "/lease/heartbeat", Map.of("lease_token", oldToken)),
                409,
                "LEASE_LOST");
        assertThat(worker.post("/v1/runs/" + runId + "/complete", Map.of("lease_token", token))
                        .status())
                .isEqualTo(200);

        JsonNode after = operator.get("/v1/runs/" + runId).body().get("run");
        assertThat(after.get("state").asText()).isEqualTo("completed");
        assertThat(after.get("claims").asInt()).isEqualTo(2);
        assertThat(after.get("steps"))
                .extracting(s -> s.get("key").asText() + ":" + s.get("state").asText())
                .containsExactly("s1:succeeded", "s2:succeeded", "s3:succeeded");
    }
}
