package dev.handrail.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.handrail.devkit.Ports;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Who may do what, end to end: tokens, roles, object-level access, no self-approval, secrets kept out of logs. */
class SecurityIT {

    private static LocalSystem system;
    private static Api admin;
    private static Api alice;
    private static Api bob;
    private static Api operator;
    private static Path workspace;

    @BeforeAll
    static void startSystem() throws IOException {
        // Reads are eventually consistent (audit projects the feed): a 404 or a missing field
        // while waiting means "not yet", not failure.
        Awaitility.ignoreExceptionsByDefault();
        Path home = Files.createTempDirectory("handrail-security-it");
        workspace = Files.createDirectories(Settings.defaultWorkspace(home));
        Files.writeString(workspace.resolve("notes.txt"), "notes");
        Path repo = Path.of(System.getProperty("handrail.repo", ".."))
                .toAbsolutePath()
                .normalize();
        system = LocalSystem.start(new Settings(Ports.free(), home, workspace, repo, null, null, false));
        admin = Api.admin(system);
        alice = admin.as("alice", "agent");
        bob = admin.as("bob", "agent");
        operator = admin.as("olga", "operator");
        admin.awaitNodeImplements("file.read");
    }

    @AfterAll
    static void stopSystem() {
        if (system != null) {
            system.close();
        }
    }

    @Test
    void anArgumentThatMakesAReadingProgramWriteGoesToAPersonAndTheNodeRefusesIt() {
        Api.Answer planned =
                alice.plan(Map.of("intent", "shell.run", "params", Map.of("command", "sort -o sorted.txt notes.txt")));
        assertThat(planned.body().get("state").asText()).isEqualTo("pending_approval");
        assertThat(planned.body().get("decision").get("reasons"))
                .extracting(r -> r.asText())
                .contains("unsafe_arguments");

        Api.Answer approved =
                operator.post("/v1/actions/" + planned.body().get("action_id").asText() + "/approve", "");

        assertThat(approved.body().get("state").asText()).isEqualTo("failed");
        assertThat(approved.body().get("execution").get("error_code").asText()).isEqualTo("ARGUMENT_NOT_ALLOWED");
        assertThat(workspace.resolve("sorted.txt")).doesNotExist();
    }

    @Test
    void requestsWithoutAValidTokenAreRefused() {
        Api anonymous = new Api(system.gatewayUrl(), null);
        Api forged = new Api(system.gatewayUrl(), "hr_0000");

        assertThat(anonymous.get("/v1/actions").status()).isEqualTo(401);
        assertThat(anonymous.get("/v1/actions").body().get("error").get("code").asText())
                .isEqualTo("UNAUTHENTICATED");
        assertThat(forged.plan(Map.of("intent", "file.read")).status()).isEqualTo(401);
        assertThat(anonymous.get("/v1/no-such-endpoint").status()).isEqualTo(401);
    }

    @Test
    void anAgentMayPlanButNotApproveOrAdminister() {
        String id = alice.plan(Map.of("intent", "shell.run", "params", Map.of("command", "true")))
                .body()
                .get("action_id")
                .asText();

        Api.Answer approve = alice.post("/v1/actions/" + id + "/approve", "");
        Api.Answer tokens = alice.get("/v1/tokens");
        Api.Answer health = alice.get("/v1/health/summary");

        assertThat(approve.status()).isEqualTo(403);
        assertThat(approve.body().get("error").get("code").asText()).isEqualTo("FORBIDDEN");
        assertThat(tokens.status()).isEqualTo(403);
        assertThat(health.status()).isEqualTo(403);
    }

    @Test
    void anAgentSeesOnlyItsOwnActions() {
        String mine = alice.plan(
                        Map.of("intent", "file.read", "params", Map.of("path", "notes.txt"), "session_id", "shared"))
                .body()
                .get("action_id")
                .asText();
        String theirs = bob.plan(
                        Map.of("intent", "file.read", "params", Map.of("path", "notes.txt"), "session_id", "shared"))
                .body()
                .get("action_id")
                .asText();

        await().untilAsserted(() ->
                assertThat(alice.get("/v1/actions/" + mine).status()).isEqualTo(200));
        assertThat(alice.get("/v1/actions/" + theirs).status()).isEqualTo(404);
        assertThat(operator.get("/v1/actions/" + theirs).status()).isEqualTo(200);
        await().untilAsserted(() -> {
            List<String> listed = alice.get("/v1/actions?session_id=shared&principal=bob")
                    .body()
                    .get("actions")
                    .findValuesAsText("action_id");
            assertThat(listed).contains(mine).doesNotContain(theirs);
        });
    }

    @Test
    void nobodyApprovesWhatTheyPlanned() {
        String id = operator.plan(Map.of("intent", "shell.run", "params", Map.of("command", "true")))
                .body()
                .get("action_id")
                .asText();
        await().untilAsserted(() -> assertThat(admin.get("/v1/actions/" + id)
                        .body()
                        .get("action")
                        .get("state")
                        .asText())
                .isEqualTo("pending_approval"));

        Api.Answer self = operator.post("/v1/actions/" + id + "/approve", "");
        Api.Answer other = admin.post("/v1/actions/" + id + "/approve", "");

        assertThat(self.status()).isEqualTo(403);
        assertThat(self.body().get("error").get("code").asText()).isEqualTo("SELF_APPROVAL");
        assertThat(other.status()).isEqualTo(200);
        assertThat(other.body().get("decided_by").asText()).isEqualTo("bootstrap-admin");
    }

    @Test
    void thePrincipalIsRecordedOnEveryEvent() {
        String id = alice.plan(Map.of("intent", "file.read", "params", Map.of("path", "notes.txt")))
                .body()
                .get("action_id")
                .asText();

        await().untilAsserted(() -> assertThat(
                        admin.get("/v1/audit-trails/" + id).body().get("trail").get("events"))
                .hasSize(5)
                .allSatisfy(e -> assertThat(e.get("principal").asText()).isEqualTo("alice")));
    }

    @Test
    void aRevokedTokenStopsWorking() {
        Api.Answer issued = admin.post("/v1/tokens", Map.of("principal", "temp", "role", "agent"));
        Api temp = new Api(system.gatewayUrl(), issued.body().get("token").asText());
        assertThat(temp.get("/v1/capabilities").status()).isEqualTo(200);

        Api.Answer revoked = admin.post("/v1/tokens/" + issued.body().get("id").asText(), "");
        assertThat(revoked.status()).isEqualTo(405);
        assertThat(admin.delete("/v1/tokens/" + issued.body().get("id").asText())
                        .status())
                .isEqualTo(200);

        assertThat(temp.get("/v1/capabilities").status()).isEqualTo(401);
        assertThat(admin.get("/v1/tokens").body().get("tokens").findValuesAsText("principal"))
                .contains("temp");
        assertThat(admin.get("/v1/tokens").body().toString())
                .doesNotContain(issued.body().get("token").asText());
    }

    @Test
    void secretsNeverReachTheLogs() throws IOException {
        Api.Answer issued = admin.post("/v1/tokens", Map.of("principal", "logged", "role", "agent"));
        Api logged = new Api(system.gatewayUrl(), issued.body().get("token").asText());
        logged.plan(Map.of("intent", "file.read", "params", Map.of("path", "notes.txt")));
        List<String> secrets = new java.util.ArrayList<>(Secrets.of(system));
        secrets.add(issued.body().get("token").asText());

        for (String module : LocalSystem.modules()) {
            Secrets.assertNoneIn(
                    module + " log", Files.readString(system.service(module).log()), secrets);
        }
    }
}
