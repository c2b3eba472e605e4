package dev.handrail.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.handrail.contracts.capability.CapabilityCatalogue;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The walking skeleton end to end: the five services as their own JVMs on a real NATS and a
 * real PostgreSQL, driven over HTTP the way an API client would.
 */
class ActionLifecycleIT {

    private static LocalSystem system;
    /** Admin: reads everything and decides approvals. */
    private static Api api;
    /** The agent that plans; nobody approves their own actions. */
    private static Api agent;

    private static Path workspace;

    @BeforeAll
    static void startSystem() {
        // Reads are eventually consistent (audit projects the feed): a 404 or a missing field
        // while waiting means "not yet", not failure.
        Awaitility.ignoreExceptionsByDefault();
        TestHome home = TestHome.create("handrail-it");
        workspace = home.workspace();
        system = LocalSystem.start(home.settings());
        api = Api.admin(system);
        agent = api.as("agent-it", "agent");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            Api.Answer capabilities = api.get("/v1/capabilities");
            assertThat(capabilities.status()).isEqualTo(200);
            assertThat(implemented(capabilities.body(), "file.read")).isTrue();
        });
    }

    @AfterAll
    static void stopSystem() {
        if (system != null) {
            system.close();
        }
    }

    @Test
    void safeActionSucceedsWithinTheRequest() throws IOException {
        Files.writeString(workspace.resolve("hello.txt"), "hello from the workspace");

        Api.Answer answer = agent.plan(
                Map.of("intent", "file.read", "params", Map.of("path", "hello.txt"), "session_id", "s-safe"));

        assertThat(answer.status()).isEqualTo(200);
        JsonNode body = answer.body();
        assertThat(body.get("ok").asBoolean()).isTrue();
        assertThat(body.get("state").asText()).isEqualTo("succeeded");
        assertThat(body.get("intent").asText()).isEqualTo("file.read");
        assertThat(body.get("risk_level").asText()).isEqualTo("safe");
        assertThat(body.get("requires_confirmation").asBoolean()).isFalse();
        assertThat(body.get("validation").get("valid").asBoolean()).isTrue();
        assertThat(body.get("validation").get("checks"))
                .extracting(c -> c.get("name").asText())
                .contains(
                        "capability_exists",
                        "capability_implemented",
                        "required_params",
                        "timeout_bounds",
                        "risk_classification");
        assertThat(body.get("decision").get("effect").asText()).isEqualTo("allow");
        assertThat(body.get("execution").get("success").asBoolean()).isTrue();
        assertThat(body.get("execution").get("output").get("content").asText()).isEqualTo("hello from the workspace");
        assertThat(body.get("execution").has("retries_used")).isTrue();
        assertThat(body.get("telemetry").get("total_ms").isNumber()).isTrue();
        assertThat(body.get("error").isNull()).isTrue();
    }

    @Test
    void aReadRightAfterTheAnswerNeverShowsAnEarlierState() throws IOException {
        Files.writeString(workspace.resolve("monotonic.txt"), "read me at once");
        for (int i = 0; i < 40; i++) {
            JsonNode planned = agent.plan(Map.of(
                            "intent",
                            "file.read",
                            "params",
                            Map.of("path", "monotonic.txt"),
                            "session_id",
                            "s-monotonic"))
                    .body();
            assertThat(planned.get("state").asText()).isEqualTo("succeeded");

            Api.Answer read =
                    agent.get("/v1/actions/" + planned.get("action_id").asText());

            assertThat(read.status()).as("read %d", i).isEqualTo(200);
            assertThat(read.body().get("action").get("state").asText())
                    .as("read %d", i)
                    .isEqualTo("succeeded");
        }
    }

    @Test
    void approvalNeedingActionWaitsAndRunsOnApprove() {
        Api.Answer planned = agent.plan(Map.of(
                "intent", "file.write", "params", Map.of("path", "approved.txt", "content", "written after approval")));

        assertThat(planned.status()).isEqualTo(200);
        assertThat(planned.body().get("state").asText()).isEqualTo("pending_approval");
        assertThat(planned.body().get("requires_confirmation").asBoolean()).isTrue();
        assertThat(planned.body().get("execution").isNull()).isTrue();
        assertThat(planned.body().get("decision").get("effect").asText()).isEqualTo("require_approval");
        assertThat(workspace.resolve("approved.txt")).doesNotExist();

        String id = planned.body().get("action_id").asText();
        Api.Answer approved = api.post("/v1/actions/" + id + "/approve", Map.of("comment", "fine"));

        assertThat(approved.status()).isEqualTo(200);
        assertThat(approved.body().get("state").asText()).isEqualTo("succeeded");
        assertThat(approved.body().get("execution").get("success").asBoolean()).isTrue();
        assertThat(workspace.resolve("approved.txt")).hasContent("written after approval");
    }

    @Test
    void approvedShellCommandRunsWithoutAShell() {
        String id = agent.plan(Map.of("intent", "shell.run", "params", Map.of("command", "echo 'one two' $HOME")))
                .body()
                .get("action_id")
                .asText();

        Api.Answer approved = api.post("/v1/actions/" + id + "/approve", "");

        assertThat(approved.body().get("state").asText()).isEqualTo("succeeded");
        assertThat(approved.body().get("execution").get("output").get("stdout").asText())
                .isEqualTo("one two $HOME\n");
    }

    @Test
    void denyEndsTheActionDeniedAndNothingRuns() {
        String id = agent.plan(Map.of("intent", "file.write", "params", Map.of("path", "denied.txt", "content", "x")))
                .body()
                .get("action_id")
                .asText();

        Api.Answer denied = api.post("/v1/actions/" + id + "/deny", Map.of("comment", "not today"));

        assertThat(denied.status()).isEqualTo(200);
        assertThat(denied.body().get("state").asText()).isEqualTo("denied");
        assertThat(denied.body().get("ok").asBoolean())
                .as("the action was not carried out")
                .isFalse();
        assertThat(denied.body().get("error").get("code").asText()).isEqualTo("DENIED");
        assertThat(denied.body().get("decision").get("effect").asText()).isEqualTo("deny");
        assertThat(workspace.resolve("denied.txt")).doesNotExist();
        await().untilAsserted(() -> assertThat(api.get("/v1/actions/" + id)
                        .body()
                        .get("action")
                        .get("state")
                        .asText())
                .isEqualTo("denied"));
    }

    @Test
    void aLongPollAnswersWhenTheApprovalIsDecided() throws Exception {
        String id = agent.plan(Map.of("intent", "file.write", "params", Map.of("path", "polled.txt", "content", "p")))
                .body()
                .get("action_id")
                .asText();
        await().until(() -> "pending_approval"
                .equals(agent.get("/v1/actions/" + id + "?wait_ms=0")
                        .body()
                        .get("action")
                        .get("state")
                        .asText()));

        CompletableFuture<Api.Answer> waiting =
                CompletableFuture.supplyAsync(() -> agent.get("/v1/actions/" + id + "?wait_ms=50000"));
        // The read waits while the action is pending.
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(5)).until(() -> !waiting.isDone());
        api.post("/v1/actions/" + id + "/approve", Map.of("comment", "go"));

        Api.Answer answered = waiting.get(45, TimeUnit.SECONDS);
        assertThat(answered.status()).isEqualTo(200);
        assertThat(answered.body().get("action").get("state").asText())
                .as("answered on the move, not at the deadline")
                .isIn("approved", "executing", "succeeded");
        Api.Answer done = agent.get("/v1/actions/" + id + "?wait_ms=30000");
        assertThat(done.body().get("action").get("state").asText()).isIn("executing", "succeeded");
        await().until(() -> "succeeded"
                .equals(agent.get("/v1/actions/" + id + "?wait_ms=30000")
                        .body()
                        .get("action")
                        .get("state")
                        .asText()));
    }

    @Test
    void aLongPollRefusesAWaitItCannotHonour() {
        String id = agent.plan(Map.of("intent", "file.write", "params", Map.of("path", "nowait.txt", "content", "n")))
                .body()
                .get("action_id")
                .asText();

        for (String bad : List.of("-1", "60001", "soon")) {
            Api.Answer refused = agent.get("/v1/actions/" + id + "?wait_ms=" + bad);
            assertThat(refused.status()).isEqualTo(400);
            assertThat(refused.body().get("error").get("code").asText()).isEqualTo("VALIDATION_FAILED");
            assertThat(refused.body().get("error").get("message").asText()).contains("wait_ms");
        }
        Api.Answer other = api.as("agent-stranger", "agent").get("/v1/actions/" + id + "?wait_ms=1000");
        assertThat(other.status()).isEqualTo(404);
    }

    @Test
    void thePlannerWithdrawsAPendingActionAndNobodyElseCan() {
        String id = agent.plan(
                        Map.of("intent", "file.write", "params", Map.of("path", "withdrawn.txt", "content", "w")))
                .body()
                .get("action_id")
                .asText();

        Api.Answer stranger = api.as("agent-stranger-2", "agent").post("/v1/actions/" + id + "/cancel", "");
        assertThat(stranger.status()).isEqualTo(404);
        assertThat(stranger.body().get("error").get("code").asText()).isEqualTo("NOT_FOUND");
        Api.Answer operator = api.post("/v1/actions/" + id + "/cancel", "");
        assertThat(operator.status()).isEqualTo(403);
        assertThat(operator.body().get("error").get("code").asText()).isEqualTo("NOT_PLANNER");

        Api.Answer cancelled =
                agent.post("/v1/actions/" + id + "/cancel", Map.of("reason", "the user changed their mind"));

        assertThat(cancelled.status()).isEqualTo(200);
        assertThat(cancelled.body().get("state").asText()).isEqualTo("cancelled");
        assertThat(cancelled.body().get("ok").asBoolean()).isFalse();
        assertThat(cancelled.body().get("error").get("code").asText()).isEqualTo("CANCELLED");
        assertThat(cancelled.body().get("error").get("message").asText()).contains("the user changed their mind");
        Api.Answer approve = api.post("/v1/actions/" + id + "/approve", "");
        assertThat(approve.status()).isEqualTo(409);
        assertThat(approve.body().get("error").get("code").asText()).isEqualTo("NOT_PENDING");
        Api.Answer again = agent.post("/v1/actions/" + id + "/cancel", "");
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.body().get("error").get("code").asText()).isEqualTo("NOT_PENDING");
        assertThat(workspace.resolve("withdrawn.txt")).doesNotExist();
        // The trail also holds the four refusals above (phase decide, no state).
        await().untilAsserted(() -> assertThat(
                        api.get("/v1/audit-trails/" + id).body().get("trail").get("events"))
                .filteredOn(e -> e.hasNonNull("state"))
                .extracting(e -> e.get("state").asText() + "/" + e.get("phase").asText())
                .containsExactly(
                        "planned/plan", "validated/validate", "pending_approval/await_approval", "cancelled/cancel"));
        assertThat(api.get("/v1/approvals?state=cancelled").body().toString()).contains(id);
    }

    @Test
    void anAgentsFeedCarriesOnlyItsOwnActions() throws Exception {
        Api other = api.as("agent-neighbour", "agent");
        Files.writeString(workspace.resolve("feed.txt"), "f");
        String theirs = other.plan(Map.of("intent", "file.read", "params", Map.of("path", "feed.txt")))
                .body()
                .get("action_id")
                .asText();
        String mine = agent.plan(Map.of("intent", "file.read", "params", Map.of("path", "feed.txt")))
                .body()
                .get("action_id")
                .asText();

        List<String> lines = new ArrayList<>();
        HttpRequest request = HttpRequest.newBuilder(URI.create(system.gatewayUrl() + "/v1/events/stream?from_seq=1"))
                .header("Authorization", "Bearer " + agent.token())
                .header("Accept", "text/event-stream")
                .build();
        HttpResponse<java.util.stream.Stream<String>> response =
                HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofLines());
        assertThat(response.statusCode()).isEqualTo(200);
        CompletableFuture<Void> read = CompletableFuture.runAsync(() -> {
            java.util.Iterator<String> it = response.body().iterator();
            while (it.hasNext()) {
                String line = it.next();
                if (line.startsWith("data:")) {
                    lines.add(line);
                    if (line.contains(mine) && line.contains("dev.handrail.action.succeeded.v1")) {
                        return;
                    }
                }
            }
        });
        read.get(60, TimeUnit.SECONDS);
        response.body().close();

        assertThat(lines).anyMatch(l -> l.contains(mine));
        assertThat(lines).noneMatch(l -> l.contains(theirs));
    }

    @Test
    void dryRunStopsAtValidatedAndExecutesNothing() {
        Api.Answer answer = agent.plan(
                Map.of("intent", "file.write", "dry_run", true, "params", Map.of("path", "dry.txt", "content", "x")));

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body().get("state").asText()).isEqualTo("validated");
        assertThat(answer.body().get("execution").isNull()).isTrue();
        assertThat(workspace.resolve("dry.txt")).doesNotExist();
    }

    @Test
    void unknownIntentIsRejectedWithItsName() {
        Api.Answer answer = agent.plan(Map.of("intent", "file.delete", "params", Map.of("path", "x")));

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.body().get("ok").asBoolean()).isFalse();
        assertThat(answer.body().get("state").asText()).isEqualTo("rejected");
        assertThat(answer.body().get("error").get("code").asText()).isEqualTo("VALIDATION_FAILED");
        assertThat(answer.body().get("error").get("message").asText()).isEqualTo("Unknown intent: file.delete");
    }

    @Test
    void missingParameterIsRejectedWithItsName() {
        Api.Answer answer = agent.plan(Map.of("intent", "file.read", "params", Map.of()));

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.body().get("error").get("code").asText()).isEqualTo("VALIDATION_FAILED");
        assertThat(answer.body().get("error").get("message").asText()).isEqualTo("Missing required parameter: path");
    }

    @Test
    void malformedBodiesGetACodeNotAStackTrace() {
        Api.Answer notJson = agent.post("/v1/actions/plan", "{intent: ");
        Api.Answer noIntent = agent.post("/v1/actions/plan", Map.of("params", Map.of()));

        assertThat(notJson.status()).isEqualTo(400);
        assertThat(notJson.body().get("error").get("code").asText()).isEqualTo("INVALID_JSON");
        assertThat(noIntent.status()).isEqualTo(400);
        assertThat(noIntent.body().get("error").get("message").asText()).isEqualTo("Missing required field: intent");
    }

    @Test
    void unknownActionIsNotFound() {
        Api.Answer get = api.get("/v1/actions/01JD7Z3Q4R5S6T7V8W9X0Y1Z2A");
        Api.Answer approve = api.post("/v1/actions/01JD7Z3Q4R5S6T7V8W9X0Y1Z2A/approve", "");
        Api.Answer garbage = api.get("/v1/actions/not-an-id");

        assertThat(get.status()).isEqualTo(404);
        assertThat(get.body().get("error").get("code").asText()).isEqualTo("NOT_FOUND");
        assertThat(approve.status()).isEqualTo(404);
        assertThat(approve.body().get("error").get("code").asText()).isEqualTo("NOT_FOUND");
        assertThat(garbage.status()).isEqualTo(404);
    }

    @Test
    void approvingAnActionThatIsNotPendingConflicts() throws IOException {
        Files.writeString(workspace.resolve("done.txt"), "done");
        String id = agent.plan(Map.of("intent", "file.read", "params", Map.of("path", "done.txt")))
                .body()
                .get("action_id")
                .asText();

        Api.Answer approve = api.post("/v1/actions/" + id + "/approve", "");

        assertThat(approve.status()).isEqualTo(409);
        assertThat(approve.body().get("ok").asBoolean()).isFalse();
        assertThat(approve.body().get("error").get("code").asText()).isEqualTo("NOT_PENDING");
    }

    @Test
    void theSameIdempotencyKeyReturnsTheFirstAction() {
        String key = "key-" + UUID.randomUUID();
        Map<String, Object> plan = Map.of(
                "intent", "file.write", "idempotency_key", key, "params", Map.of("path", "once.txt", "content", "x"));

        Api.Answer first = agent.plan(plan);
        Api.Answer second = agent.plan(plan);

        assertThat(first.body().get("state").asText()).isEqualTo("pending_approval");
        assertThat(second.status()).isEqualTo(200);
        assertThat(second.body().get("action_id").asText())
                .isEqualTo(first.body().get("action_id").asText());
        assertThat(second.body().get("state").asText()).isEqualTo("pending_approval");
    }

    @Test
    void aClientThatMustNotWaitGets202AndFollowsUp() throws IOException {
        Files.writeString(workspace.resolve("later.txt"), "later");

        Api.Answer accepted =
                agent.plan(Map.of("intent", "file.read", "wait", false, "params", Map.of("path", "later.txt")));

        assertThat(accepted.status()).isEqualTo(202);
        String id = accepted.body().get("action_id").asText();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            Api.Answer followUp = api.get("/v1/actions/" + id);
            assertThat(followUp.status()).isEqualTo(200);
            assertThat(followUp.body().get("action").get("state").asText()).isEqualTo("succeeded");
            JsonNode content =
                    followUp.body().get("action").get("execution").get("output").get("content");
            assertThat(content.get("redacted").asBoolean())
                    .as("stored redacted")
                    .isTrue();
            assertThat(content.get("length").asInt()).isEqualTo(5);
        });
    }

    @Test
    void actionsAreListedByStateAndSession() {
        String session = "s-" + UUID.randomUUID();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ids.add(agent.plan(
                            Map.of("intent", "shell.run", "session_id", session, "params", Map.of("command", "true")))
                    .body()
                    .get("action_id")
                    .asText());
        }

        await().untilAsserted(() -> {
            Api.Answer list = api.get("/v1/actions?session_id=" + session + "&state=pending_approval&limit=10");
            assertThat(list.status()).isEqualTo(200);
            assertThat(list.body().get("total").asLong()).isEqualTo(3);
            assertThat(list.body().get("actions"))
                    .extracting(a -> a.get("action_id").asText())
                    .containsExactlyElementsOf(ids.reversed());
        });
        assertThat(api.get("/v1/actions?state=bogus").status()).isEqualTo(400);
    }

    @Test
    void everyLifecycleEventIsInTheAuditTrail() throws IOException {
        Files.writeString(workspace.resolve("trail.txt"), "t");
        String id = agent.plan(Map.of("intent", "file.read", "params", Map.of("path", "trail.txt")))
                .body()
                .get("action_id")
                .asText();

        await().untilAsserted(() -> {
            Api.Answer trail = api.get("/v1/audit-trails/" + id);
            assertThat(trail.status()).isEqualTo(200);
            assertThat(trail.body().get("trail").get("events"))
                    .extracting(e -> e.get("state").asText())
                    .containsExactly("planned", "validated", "approved", "executing", "succeeded");
        });
    }

    @Test
    void capabilitiesReportWhatIsImplemented() {
        JsonNode body = api.get("/v1/capabilities").body();

        assertThat(body.get("ok").asBoolean()).isTrue();
        assertThat(body.get("capabilities")).hasSize(CapabilityCatalogue.all().size());
        assertThat(body.get("stats").get("total").asInt())
                .isEqualTo(CapabilityCatalogue.all().size());
        assertThat(body.get("stats").get("implemented").asInt()).isEqualTo(3);
        assertThat(implemented(body, "file.write")).isTrue();
        assertThat(implemented(body, "keyboard.type")).isFalse();
        JsonNode click = entry(body, "mouse.click");
        assertThat(click.at("/params_schema/properties/clicks/maximum").asInt())
                .isEqualTo(CapabilityCatalogue.MAX_CLICKS);
        assertThat(click.at("/params_schema/required"))
                .extracting(JsonNode::asText)
                .containsExactly("x", "y");
        assertThat(click.at("/output_schema/properties/window/type").asText()).isEqualTo("string");
    }

    @Test
    void aParameterTheCapabilityDoesNotTakeIsRefusedByName() {
        Api.Answer answer =
                agent.plan(Map.of("intent", "file.read", "params", Map.of("path", "notes.txt", "encoding", "latin1")));

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.body().get("error").get("code").asText()).isEqualTo("VALIDATION_FAILED");
        assertThat(answer.body().get("error").get("message").asText())
                .isEqualTo("Parameter encoding is not one file.read takes; it takes path");
    }

    @Test
    void healthAndMetricsAnswerOnEveryService() {
        for (String module :
                List.of("gateway-service", "policy-service", "executor-service", "audit-service", "health-service")) {
            Api service = new Api(system.service(module).managementUrl(), null);
            assertThat(service.get("/health").status()).as(module + " /health").isEqualTo(200);
            assertThat(service.get("/health").body().get("status").asText()).isEqualTo("UP");
            assertThat(service.text("/prometheus").body())
                    .as(module + " /prometheus")
                    .contains("jvm_memory_used_bytes");
        }
        await().untilAsserted(() -> {
            JsonNode summary = api.get("/v1/health/summary").body();
            assertThat(summary.get("ok").asBoolean()).isTrue();
            assertThat(summary.get("dependencies").fieldNames())
                    .toIterable()
                    .anyMatch(name -> name.startsWith("node:local"))
                    .anyMatch(name -> name.contains("policy-service"));
        });
    }

    private static JsonNode entry(JsonNode capabilities, String intent) {
        for (JsonNode c : capabilities.get("capabilities")) {
            if (c.get("intent").asText().equals(intent)) {
                return c;
            }
        }
        throw new AssertionError(intent + " is not listed");
    }

    private static boolean implemented(JsonNode capabilities, String intent) {
        for (JsonNode c : capabilities.get("capabilities")) {
            if (c.get("intent").asText().equals(intent)) {
                return c.get("implemented").asBoolean();
            }
        }
        return false;
    }
}
