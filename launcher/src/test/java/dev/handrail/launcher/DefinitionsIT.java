package dev.handrail.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Action definitions end to end on the real system: the registry's CRUD walk with its versions,
 * every error code, who may read and write, and runs that go through policy like any plan.
 */
class DefinitionsIT {

    private static final String PATH = "/v1/action-definitions";

    private static LocalSystem system;
    private static Api admin;
    private static Api operator;
    private static Api agent;
    private static Path workspace;

    @BeforeAll
    static void startSystem() {
        Awaitility.ignoreExceptionsByDefault();
        TestHome home = TestHome.create("handrail-defs-it");
        workspace = home.workspace();
        system = LocalSystem.start(home.settings());
        admin = Api.admin(system);
        operator = admin.as("operator-defs", "operator");
        agent = admin.as("agent-defs", "agent");
        admin.awaitNodeImplements("shell.run");
        admin.awaitNodeImplements("file.read");
    }

    @AfterAll
    static void stopSystem() {
        if (system != null) {
            system.close();
        }
    }

    private static String create(Map<String, Object> body) {
        Api.Answer created = admin.post(PATH, body);
        assertThat(created.status()).as("%s", created.body()).isEqualTo(201);
        return created.body().get("action").get("id").asText();
    }

    @Test
    void walksACommandDefinitionThroughCreateListGetEditAndDelete() {
        Api.Answer created = admin.post(
                PATH,
                Map.of(
                        "title",
                        "List the docs",
                        "kind",
                        "command",
                        "spec",
                        Map.of("cmd", "ls", "cwd", "./docs/../docs", "surplus", "dropped")));

        assertThat(created.status()).isEqualTo(201);
        assertThat(created.body().get("ok").asBoolean()).isTrue();
        JsonNode action = created.body().get("action");
        String id = action.get("id").asText();
        assertThat(action.get("kind").asText()).isEqualTo("command");
        assertThat(action.get("enabled").asBoolean()).isTrue();
        assertThat(action.get("version").asInt()).isEqualTo(1);
        assertThat(action.get("created_by").asText()).isNotBlank();
        assertThat(action.get("spec").get("cwd").asText()).isEqualTo("docs");
        assertThat(action.get("spec").get("timeout_s").asInt()).isEqualTo(60);
        assertThat(action.get("spec").has("surplus")).isFalse();

        Api.Answer listed = agent.get(PATH + "?limit=50&kind=command");
        assertThat(listed.status()).isEqualTo(200);
        assertThat(listed.body().get("actions"))
                .extracting(a -> a.get("id").asText())
                .contains(id);
        assertThat(admin.get(PATH + "?kind=prompt").body().get("actions"))
                .extracting(a -> a.get("id").asText())
                .doesNotContain(id);

        Api.Answer read = operator.get(PATH + "/" + id);
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.body().get("action").get("title").asText()).isEqualTo("List the docs");

        Api.Answer edited = admin.put(PATH + "/" + id, Map.of("title", "List the documentation", "kind", "command"));
        assertThat(edited.status()).as("%s", edited.body()).isEqualTo(200);
        assertThat(edited.body().get("action").get("version").asInt()).isEqualTo(2);
        assertThat(edited.body().get("action").get("title").asText()).isEqualTo("List the documentation");
        assertThat(edited.body().get("action").get("spec").get("cmd").asText()).isEqualTo("ls");

        Api.Answer disabled = admin.put(PATH + "/" + id, Map.of("enabled", false));
        assertThat(disabled.body().get("action").get("version").asInt()).isEqualTo(3);
        assertThat(disabled.body().get("action").get("enabled").asBoolean()).isFalse();

        Api.Answer first = agent.get(PATH + "/" + id + "/versions/1");
        assertThat(first.status()).as("%s", first.body()).isEqualTo(200);
        assertThat(first.body().get("action").get("title").asText()).isEqualTo("List the docs");
        assertThat(first.body().get("action").get("spec").get("cmd").asText()).isEqualTo("ls");
        assertThat(agent.get(PATH + "/" + id + "/versions").body().get("actions"))
                .extracting(v -> v.get("version").asInt())
                .containsExactly(3, 2, 1);
        assertCode(agent.get(PATH + "/" + id + "/versions/9"), 404, "NOT_FOUND");

        Api.Answer deleted = admin.delete(PATH + "/" + id);
        assertThat(deleted.status()).isEqualTo(200);
        assertThat(deleted.body().get("ok").asBoolean()).isTrue();
        assertThat(admin.get(PATH + "/" + id).status()).isEqualTo(404);
        assertThat(admin.get(PATH + "/" + id).body().get("error").get("code").asText())
                .isEqualTo("NOT_FOUND");
        assertThat(admin.delete(PATH + "/" + id).status()).isEqualTo(404);
        assertThat(admin.put(PATH + "/" + id, Map.of("enabled", true)).status()).isEqualTo(404);
        // Versions outlive the definition, so past runs can still be traced to what they ran.
        assertThat(operator.get(PATH + "/" + id + "/versions/2")
                        .body()
                        .get("action")
                        .get("title")
                        .asText())
                .isEqualTo("List the documentation");
    }

    @Test
    void refusesEachKindOfBadDefinitionWithItsCode() {
        String prompt = create(Map.of("title", "Review", "kind", "prompt", "spec", Map.of("prompt", "Review it")));

        assertCode(admin.post(PATH, "{not json"), 400, "INVALID_JSON");
        assertCode(admin.post(PATH, "[1, 2]"), 400, "INVALID_BODY");
        assertCode(admin.post(PATH, Map.of("kind", "command", "spec", Map.of("cmd", "ls"))), 400, "INVALID_TITLE");
        assertCode(admin.post(PATH, Map.of("title", "x", "kind", "shell", "spec", Map.of())), 400, "INVALID_KIND");
        assertCode(admin.post(PATH, Map.of("title", "x", "kind", "command", "spec", "ls")), 400, "INVALID_SPEC");
        assertCode(
                admin.post(PATH, Map.of("title", "x", "kind", "action", "spec", Map.of("intent", "no.such"))),
                400,
                "INVALID_SPEC");
        assertCode(
                admin.post(PATH, Map.of("title", "x", "kind", "command", "spec", Map.of("cmd", " "))),
                400,
                "INVALID_CMD");
        assertCode(
                admin.post(PATH, Map.of("title", "x", "kind", "command", "spec", Map.of("cmd", "x".repeat(20_001)))),
                400,
                "INVALID_CMD");
        assertCode(admin.post(PATH, Map.of("title", "x", "kind", "prompt", "spec", Map.of())), 400, "INVALID_PROMPT");
        assertCode(
                admin.post(PATH, Map.of("title", "x", "kind", "command", "spec", Map.of("cmd", "ls", "cwd", 7))),
                400,
                "INVALID_CWD");
        assertCode(admin.put(PATH + "/" + prompt, Map.of("kind", "command")), 400, "INVALID_KIND");
        assertCode(admin.put(PATH + "/" + prompt, Map.of()), 400, "INVALID_BODY");
        assertCode(admin.get(PATH + "?kind=shell"), 400, "INVALID_KIND");
        assertCode(admin.get(PATH + "/01J00000000000000000000000"), 404, "NOT_FOUND");
        assertCode(agent.post(PATH + "/01J00000000000000000000000/run", Map.of()), 404, "NOT_FOUND");
    }

    @Test
    void refusesAWorkingDirectoryThatLeavesTheWorkspace() {
        for (String cwd : new String[] {"..", "../outside", "docs/../../outside", "/etc", "C:\\Windows"}) {
            Api.Answer refused = admin.post(
                    PATH, Map.of("title", "escape", "kind", "command", "spec", Map.of("cmd", "ls", "cwd", cwd)));
            assertCode(refused, 400, "CWD_OUTSIDE_WORKSPACE");
        }
        // The same rule holds for a plain shell.run: policy refuses it before it reaches a node.
        Api.Answer plan = agent.plan(Map.of("intent", "shell.run", "params", Map.of("command", "pwd", "cwd", "../..")));
        assertThat(plan.body().get("state").asText()).isEqualTo("rejected");
    }

    @Test
    void agentsAndOperatorsReadButOnlyAdminsWrite() {
        String id = create(Map.of("title", "Read me", "kind", "prompt", "spec", Map.of("prompt", "Hello")));

        assertThat(agent.get(PATH).status()).isEqualTo(200);
        assertThat(agent.get(PATH + "/" + id)
                        .body()
                        .get("action")
                        .get("spec")
                        .get("prompt")
                        .asText())
                .isEqualTo("Hello");
        assertThat(operator.get(PATH).status()).isEqualTo(200);
        for (Api writer : new Api[] {agent, operator}) {
            assertCode(
                    writer.post(PATH, Map.of("title", "x", "kind", "prompt", "spec", Map.of("prompt", "p"))),
                    403,
                    "FORBIDDEN");
            assertCode(writer.put(PATH + "/" + id, Map.of("enabled", false)), 403, "FORBIDDEN");
            assertCode(writer.delete(PATH + "/" + id), 403, "FORBIDDEN");
        }
        assertThat(admin.get(PATH + "/" + id)
                        .body()
                        .get("action")
                        .get("enabled")
                        .asBoolean())
                .isTrue();
    }

    @Test
    void aCommandRunWaitsForApprovalAndRunsInItsDirectoryWithTheVersionItUsed() throws IOException {
        Files.createDirectories(workspace.resolve("defs-sub"));
        String id = create(Map.of("title", "Where am I", "kind", "command", "spec", Map.of("cmd", "pwd")));
        Api.Answer edited =
                admin.put(PATH + "/" + id, Map.of("spec", Map.of("cmd", "pwd", "cwd", "defs-sub", "timeout_s", 30)));
        assertThat(edited.body().get("action").get("version").asInt()).isEqualTo(2);

        Api.Answer planned = agent.post(PATH + "/" + id + "/run", Map.of("session_id", "s-defs"));

        assertThat(planned.status()).as("%s", planned.body()).isEqualTo(200);
        assertThat(planned.body().get("intent").asText()).isEqualTo("shell.run");
        assertThat(planned.body().get("state").asText()).isEqualTo("pending_approval");
        String actionId = planned.body().get("action_id").asText();

        // A later edit does not change what the pending run will do.
        admin.put(PATH + "/" + id, Map.of("spec", Map.of("cmd", "pwd", "cwd", ".")));

        Api.Answer approved = operator.post("/v1/actions/" + actionId + "/approve", Map.of("comment", "fine"));

        assertThat(approved.status()).as("%s", approved.body()).isEqualTo(200);
        assertThat(approved.body().get("state").asText()).isEqualTo("succeeded");
        assertThat(approved.body()
                        .get("execution")
                        .get("output")
                        .get("stdout")
                        .asText()
                        .strip())
                .endsWith("defs-sub");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode read = agent.get("/v1/actions/" + actionId).body().get("action");
            assertThat(read.get("state").asText()).isEqualTo("succeeded");
            assertThat(read.get("metadata").get("definition_id").asText()).isEqualTo(id);
            assertThat(read.get("metadata").get("definition_version").asInt()).isEqualTo(2);
        });
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode trail = admin.get("/v1/audit-trails/" + actionId).body();
            assertThat(trail.toString()).contains("\"definition_id\":\"" + id + "\"");
        });
    }

    @Test
    void anActionDefinitionFillsItsTemplatesFromTheArguments() throws IOException {
        Files.writeString(workspace.resolve("defs-note.txt"), "from a template");
        String id = create(Map.of(
                "title",
                "Read a note",
                "kind",
                "action",
                "spec",
                Map.of(
                        "intent",
                        "file.read",
                        "params",
                        Map.of("path", "{{name}}.txt"),
                        "parameters",
                        Map.of("name", Map.of("type", "string")))));

        Api.Answer ran = agent.post(PATH + "/" + id + "/run", Map.of("arguments", Map.of("name", "defs-note")));

        assertThat(ran.status()).as("%s", ran.body()).isEqualTo(200);
        assertThat(ran.body().get("state").asText()).isEqualTo("succeeded");
        assertThat(ran.body().get("execution").get("output").get("content").asText())
                .isEqualTo("from a template");
        assertThat(ran.body().get("metadata").get("definition_version").asInt()).isEqualTo(1);
        assertCode(agent.post(PATH + "/" + id + "/run", Map.of("arguments", Map.of())), 400, "VALIDATION_FAILED");
        assertCode(
                agent.post(PATH + "/" + id + "/run", Map.of("arguments", Map.of("name", 5))), 400, "VALIDATION_FAILED");
    }

    @Test
    void aPromptIsNotRunnableAndADisabledDefinitionIsRefused() {
        String prompt = create(Map.of("title", "Ask", "kind", "prompt", "spec", Map.of("prompt", "Say hello")));
        assertCode(agent.post(PATH + "/" + prompt + "/run", Map.of()), 409, "NOT_RUNNABLE");

        String command =
                create(Map.of("title", "Off", "kind", "command", "enabled", false, "spec", Map.of("cmd", "true")));
        assertCode(agent.post(PATH + "/" + command + "/run", Map.of()), 409, "DEFINITION_DISABLED");
    }

    private static void assertCode(Api.Answer answer, int status, String code) {
        assertThat(answer.status()).as("%s", answer.body()).isEqualTo(status);
        assertThat(answer.body().get("error").get("code").asText()).isEqualTo(code);
    }
}
