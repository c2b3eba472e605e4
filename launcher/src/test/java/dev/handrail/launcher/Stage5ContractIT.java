package dev.handrail.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Stage 5 contract as its clients read it, end to end (docs/stage5-compatibility.md): an
 * action read is {@code ok} whatever its outcome, checks carry {@code check} and {@code pass},
 * trails are {@code {trail: {action_id, intent, events[].phase}}}, capability stats count the
 * confirmable, every output is an object, and an unknown dead letter is a 404 with {@code ok} false.
 */
class Stage5ContractIT {

    private static final Duration WAIT = Duration.ofSeconds(30);
    /**
     * Parameters that run each capability a node without a desktop implements, in an order that
     * works (the file is written before it is read); the desktop ones are run by DesktopExecutorIT.
     */
    private static final Map<String, Map<String, Object>> SAMPLE_PARAMS = new LinkedHashMap<>();

    static {
        SAMPLE_PARAMS.put("file.write", Map.of("path", "contract/written.txt", "content", "written for the contract"));
        SAMPLE_PARAMS.put("file.read", Map.of("path", "contract/written.txt"));
        SAMPLE_PARAMS.put("shell.run", Map.of("command", "echo contract"));
    }

    private static LocalSystem system;
    /** Admin: reads everything and decides approvals. */
    private static Api api;
    /** The agent that plans. */
    private static Api agent;

    @BeforeAll
    static void startSystem() {
        // Reads are eventually consistent (audit projects the feed): a 404 or a missing field
        // while waiting means "not yet", not failure.
        Awaitility.ignoreExceptionsByDefault();
        system = LocalSystem.start(TestHome.create("handrail-stage5-it").settings());
        api = Api.admin(system);
        agent = api.as("agent-stage5-it", "agent");
        await().atMost(WAIT).untilAsserted(() -> assertThat(implemented()).contains("file.read"));
    }

    @AfterAll
    static void stopSystem() {
        if (system != null) {
            system.close();
        }
    }

    @Test
    void readingAnActionIsOkWhateverItsOutcomeWithTheActionNested() {
        String id = agent.plan(
                        Map.of("intent", "shell.run", "params", Map.of("command", "false"), "session_id", "s5-read"))
                .body()
                .get("action_id")
                .asText();
        JsonNode approved = api.post("/v1/actions/" + id + "/approve", "").body();
        assertThat(approved.get("ok").asBoolean())
                .as("an approve answer says the action failed")
                .isFalse();
        assertThat(approved.get("state").asText()).isEqualTo("failed");

        await().atMost(WAIT).untilAsserted(() -> {
            Api.Answer read = api.get("/v1/actions/" + id);
            assertThat(read.status()).isEqualTo(200);
            assertThat(read.body().get("ok").asBoolean()).isTrue();
            assertThat(read.body().has("error")).isFalse();
            JsonNode action = read.body().get("action");
            assertThat(action.get("action_id").asText()).isEqualTo(id);
            assertThat(action.get("state").asText()).isIn("failed", "dead_lettered");
            assertThat(action.get("execution").get("success").asBoolean()).isFalse();
            assertThat(action.get("error").get("code").asText()).isNotBlank();
        });
        Api.Answer unknown = api.get("/v1/actions/01JD7Z3Q4R5S6T7V8W9X0Y1Z2A");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.body().get("ok").asBoolean()).isFalse();
        assertThat(unknown.body().get("error").get("code").asText()).isEqualTo("NOT_FOUND");
    }

    @Test
    void validationChecksCarryTheirStage5NamesBesideTheirOwn() {
        Api.Answer rejected = agent.plan(Map.of("intent", "file.read", "params", Map.of(), "session_id", "s5-checks"));

        assertThat(rejected.status()).isEqualTo(400);
        assertThat(rejected.body().get("ok").asBoolean())
                .as("a plan answer says the action was rejected")
                .isFalse();
        JsonNode checks = rejected.body().get("validation").get("checks");
        assertThat(checks).isNotEmpty().allSatisfy(check -> {
            assertThat(check.get("check").asText()).isEqualTo(check.get("name").asText());
            assertThat(check.get("pass").isBoolean()).isTrue();
            assertThat(check.get("pass").asBoolean())
                    .isEqualTo(check.get("passed").asBoolean());
            assertThat(check.get("message").asText()).isNotBlank();
        });
        assertThat(checks)
                .filteredOn(check -> !check.get("pass").asBoolean())
                .extracting(check -> check.get("check").asText())
                .containsExactly("required_params");
    }

    @Test
    void anAuditTrailNamesItsIntentAndThePhaseOfEveryEvent() {
        String ran = agent.plan(
                        Map.of("intent", "file.read", "params", Map.of("path", "absent.txt"), "session_id", "s5-trail"))
                .body()
                .get("action_id")
                .asText();
        String denied = agent.plan(
                        Map.of("intent", "shell.run", "params", Map.of("command", "true"), "session_id", "s5-trail"))
                .body()
                .get("action_id")
                .asText();
        assertThat(api.post("/v1/actions/" + denied + "/deny", Map.of("comment", "not now"))
                        .status())
                .isEqualTo(200);

        await().atMost(WAIT).untilAsserted(() -> {
            JsonNode trail = trail(ran);
            assertThat(trail.get("action_id").asText()).isEqualTo(ran);
            assertThat(trail.get("intent").asText()).isEqualTo("file.read");
            assertThat(phases(trail)).startsWith("plan", "validate", "approve", "execute", "fail");
        });
        await().atMost(WAIT).untilAsserted(() -> {
            JsonNode trail = trail(denied);
            assertThat(trail.get("intent").asText()).isEqualTo("shell.run");
            assertThat(phases(trail)).containsExactly("plan", "validate", "await_approval", "deny");
            assertThat(trail.get("events"))
                    .extracting(e -> e.get("state").asText())
                    .containsExactly("planned", "validated", "pending_approval", "denied");
        });
    }

    @Test
    void capabilityStatsCountTheCapabilitiesThatNeedConfirmation() {
        JsonNode body = api.get("/v1/capabilities").body();

        long needConfirmation = StreamSupport.stream(body.get("capabilities").spliterator(), false)
                .filter(c -> c.get("requires_approval").asBoolean())
                .count();
        assertThat(body.get("stats").get("confirmable").asLong())
                .isEqualTo(needConfirmation)
                .isEqualTo(9);
    }

    @Test
    void everyImplementedCapabilityAnswersAnObjectWithNamedFields() {
        List<String> intents = implemented();
        assertThat(SAMPLE_PARAMS.keySet())
                .as("sample params for every implemented capability")
                .containsAll(intents);
        for (String intent :
                SAMPLE_PARAMS.keySet().stream().filter(intents::contains).toList()) {
            JsonNode answer = agent.plan(
                            Map.of("intent", intent, "params", SAMPLE_PARAMS.get(intent), "session_id", "s5-out"))
                    .body();
            if ("pending_approval".equals(answer.get("state").asText())) {
                answer = api.post("/v1/actions/" + answer.get("action_id").asText() + "/approve", "")
                        .body();
            }
            assertThat(answer.get("state").asText())
                    .as("%s: %s", intent, answer)
                    .isEqualTo("succeeded");
            JsonNode output = answer.get("execution").get("output");
            assertThat(output.isObject()).as("%s output %s", intent, output).isTrue();
            assertThat(output.size()).as("%s output %s", intent, output).isPositive();
        }
        assertThat(intents).contains("file.read", "file.write", "shell.run");
    }

    @Test
    void replayingAnUnknownDeadLetterIsNotFoundWithOkFalse() {
        Api.Answer replay = api.post("/v1/dead-letters/01JNOSUCHDEADLETTER0000000/replay", "");

        assertThat(replay.status()).isEqualTo(404);
        assertThat(replay.body().get("ok").asBoolean()).isFalse();
        assertThat(replay.body().get("error").get("code").asText()).isEqualTo("NOT_FOUND");
    }

    private static JsonNode trail(String actionId) {
        Api.Answer answer = api.get("/v1/audit-trails/" + actionId);
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body().get("ok").asBoolean()).isTrue();
        assertThat(answer.body().has("events")).as("events are inside trail").isFalse();
        return answer.body().get("trail");
    }

    private static List<String> phases(JsonNode trail) {
        return StreamSupport.stream(trail.get("events").spliterator(), false)
                .map(e -> e.get("phase").asText())
                .toList();
    }

    private static List<String> implemented() {
        return StreamSupport.stream(
                        api.get("/v1/capabilities").body().get("capabilities").spliterator(), false)
                .filter(c -> c.get("implemented").asBoolean())
                .map(c -> c.get("intent").asText())
                .toList();
    }
}
