package dev.handrail.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.handrail.bus.Bus;
import dev.handrail.contracts.Subjects;
import dev.handrail.contracts.action.ActionIds;
import dev.handrail.contracts.claim.ClaimKeys;
import dev.handrail.contracts.claim.ClaimSigner;
import dev.handrail.contracts.message.DecideCommand;
import dev.handrail.contracts.message.DecisionRefused;
import dev.handrail.contracts.message.Envelope;
import dev.handrail.contracts.message.PlanCommand;
import dev.handrail.contracts.message.PlanRefused;
import dev.handrail.devkit.Ports;
import io.nats.client.Connection;
import io.nats.client.Dispatcher;
import io.nats.client.Nats;
import io.nats.client.Options;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Who a command is from, end to end: policy takes plans and decisions only with the gateway's
 * signed principal claim (holding the gateway's NATS identity is not enough), refuses the
 * planner's own decision from its own record, runs an approved action once however often it is
 * approved, and matches path rules on the workspace-relative path however it is written.
 */
class SecurityAuthorityIT {

    private static final String POLICY = """
            version: authority-1
            rules:
              - id: no-secrets
                match: {intent: file.read, params: {path: "secrets/*"}}
                effect: deny
            """;

    private static LocalSystem system;
    private static Api admin;
    private static Api alice;
    private static Api olga;
    private static Api olgaAgain;
    private static Connection watcher;
    private static final List<Envelope> seen = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void startSystem() throws Exception {
        // Reads are eventually consistent (audit projects the feed): a 404 or a missing field
        // while waiting means "not yet", not failure.
        Awaitility.ignoreExceptionsByDefault();
        Path home = Files.createTempDirectory("handrail-authority-it");
        Path workspace = Files.createDirectories(Settings.defaultWorkspace(home));
        Files.writeString(workspace.resolve("notes.txt"), "notes");
        Files.writeString(home.resolve("policy.yaml"), POLICY);
        Path repo = Path.of(System.getProperty("handrail.repo", ".."))
                .toAbsolutePath()
                .normalize();
        system = LocalSystem.start(new Settings(Ports.free(), home, workspace, repo, null, null, false));
        admin = Api.admin(system);
        alice = admin.as("alice", "agent");
        olga = admin.as("olga", "operator");
        olgaAgain = admin.as("olga", "operator");
        watcher = Nats.connect(system.infrastructure().natsUrlFor("admin"));
        Dispatcher dispatcher = watcher.createDispatcher(m -> seen.add(Envelope.parse(m.getData())));
        dispatcher.subscribe(Subjects.EVENTS_ALL);
        dispatcher.subscribe(Subjects.EXEC_ALL);
        dispatcher.subscribe(Subjects.CMD_PLAN);
        watcher.flush(Duration.ofSeconds(5));
        admin.awaitNodeImplements("file.read");
    }

    @AfterAll
    static void stopSystem() throws InterruptedException {
        if (watcher != null) {
            watcher.close();
        }
        if (system != null) {
            system.close();
        }
    }

    @Test
    void commandsOnTheBusWithTheGatewaysIdentityButNoValidClaimAreRefused() throws Exception {
        String pending = pendingShellRun();
        String liftedFrom = alice.plan(Map.of("intent", "file.read", "params", Map.of("path", "notes.txt")))
                .body()
                .get("action_id")
                .asText();
        Envelope genuine = await().until(
                        () -> about(liftedFrom).stream()
                                .filter(e -> e.type().equals("dev.handrail.command.plan.v1"))
                                .findFirst()
                                .orElse(null),
                        e -> e != null);
        ClaimSigner forger =
                new ClaimSigner("gateway", ClaimKeys.generate().getPrivate(), Duration.ofMinutes(5), Clock.systemUTC());

        try (Connection connection = Nats.connect(new Options.Builder()
                        .server(system.infrastructure().natsUrlFor("gateway"))
                        .inboxPrefix("_INBOX.gateway.")
                        .build());
                Bus gateway = new Bus(connection, "/handrail/impostor")) {
            Envelope absent = plan("admin");
            Envelope forged = forger.sign(plan("admin"), "user", "admin");
            Envelope altered = plan("admin").withPrincipalClaim(genuine.principalclaim());
            Envelope absentDecide = decide(pending, "olga");
            Envelope forgedDecide = forger.sign(decide(pending, "olga"), "user", "operator");
            for (Envelope plan : List.of(absent, forged, altered)) {
                gateway.publish(Subjects.CMD_PLAN, plan).join();
            }
            for (Envelope decision : List.of(absentDecide, forgedDecide)) {
                gateway.publish(Subjects.CMD_DECIDE, decision).join();
            }

            for (Envelope plan : List.of(absent, forged, altered)) {
                await().untilAsserted(() -> assertThat(about(plan.subject()))
                        .extracting(Envelope::type)
                        .contains("dev.handrail.notice.plan_refused.v1")
                        .doesNotContain("dev.handrail.action.planned.v1"));
                PlanRefused refused = about(plan.subject()).stream()
                        .filter(e -> e.type().endsWith("plan_refused.v1"))
                        .findFirst()
                        .orElseThrow()
                        .message(PlanRefused.class);
                assertThat(refused.code()).isEqualTo("UNVERIFIED_PRINCIPAL");
                assertThat(admin.get("/v1/actions/" + plan.subject()).status()).isEqualTo(404);
            }
        }
        await().untilAsserted(() -> assertThat(about(pending).stream()
                        .filter(e -> e.type().endsWith("decision_refused.v1"))
                        .map(e -> e.message(DecisionRefused.class).code())
                        .toList())
                .containsExactly("UNVERIFIED_PRINCIPAL", "UNVERIFIED_PRINCIPAL"));
        assertThat(admin.get("/v1/approvals/" + pending).body().get("state").asText())
                .isEqualTo("pending");
        assertThat(about(pending)).extracting(Envelope::type).doesNotContain("dev.handrail.command.execute.v1");
    }

    @Test
    void aPlannerNeverApprovesTheirOwnPlanEvenBeforeAuditHasSeenIt() {
        List<String> ids = new ArrayList<>();
        List<Api.Answer> answers = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            Api.Answer planned = olga.plan(Map.of(
                    "intent",
                    "shell.run",
                    "params",
                    Map.of("command", "true"),
                    "session_id",
                    "race-" + i,
                    "wait",
                    false));
            assertThat(planned.status()).isEqualTo(202);
            String id = planned.body().get("action_id").asText();
            ids.add(id);
            answers.add(olgaAgain.post("/v1/actions/" + id + "/approve", ""));
        }

        assertThat(answers)
                .allSatisfy(a -> assertThat(a.status()).as(a.body().toString()).isIn(403, 404));
        assertThat(answers)
                .filteredOn(a -> a.status() == 403)
                .allSatisfy(a ->
                        assertThat(a.body().get("error").get("code").asText()).isEqualTo("SELF_APPROVAL"));
        for (String id : ids) {
            await().untilAsserted(() -> assertThat(
                            admin.get("/v1/approvals/" + id).body().get("state").asText())
                    .isEqualTo("pending"));
            Api.Answer again = olgaAgain.post("/v1/actions/" + id + "/approve", "");
            assertThat(again.status()).isEqualTo(403);
            assertThat(again.body().get("error").get("code").asText()).isEqualTo("SELF_APPROVAL");
        }
        assertThat(seen)
                .filteredOn(e -> ids.contains(e.subject()))
                .extracting(Envelope::type)
                .doesNotContain("dev.handrail.command.execute.v1", "dev.handrail.action.approved.v1");
    }

    @Test
    void aSecondApprovalIsRefusedAndTheActionRunsOnce() {
        String concurrent = pendingShellRun();
        List<Api.Answer> both = List.of(
                        CompletableFuture.supplyAsync(() -> olga.post("/v1/actions/" + concurrent + "/approve", "")),
                        CompletableFuture.supplyAsync(() -> admin.post("/v1/actions/" + concurrent + "/approve", "")))
                .stream()
                .map(CompletableFuture::join)
                .toList();

        assertThat(both).extracting(Api.Answer::status).containsExactlyInAnyOrder(200, 409);
        assertThat(both)
                .filteredOn(a -> a.status() == 409)
                .singleElement()
                .satisfies(a ->
                        assertThat(a.body().get("error").get("code").asText()).isEqualTo("ALREADY_DECIDED"));

        String sequential = pendingShellRun();
        Api.Answer first = olga.post("/v1/actions/" + sequential + "/approve", "");
        Api.Answer second = olgaAgain.post("/v1/actions/" + sequential + "/approve", "");
        Api.Answer third = admin.post("/v1/actions/" + sequential + "/deny", "");

        assertThat(first.status()).isEqualTo(200);
        for (Api.Answer late : List.of(second, third)) {
            assertThat(late.status()).isEqualTo(409);
            assertThat(late.body().get("error").get("code").asText()).isEqualTo("ALREADY_DECIDED");
        }
        for (String id : List.of(concurrent, sequential)) {
            await().untilAsserted(() -> assertThat(admin.get("/v1/actions/" + id)
                            .body()
                            .get("action")
                            .get("state")
                            .asText())
                    .isEqualTo("succeeded"));
            await().during(Duration.ofSeconds(1))
                    .atMost(Duration.ofSeconds(10))
                    .untilAsserted(() -> assertThat(about(id))
                            .filteredOn(e -> e.type().equals("dev.handrail.command.execute.v1"))
                            .hasSize(1));
        }
    }

    @Test
    void aPathRuleHoldsHoweverThePathIsWritten() {
        Path workspace = system.settings().workspace();
        for (String path : List.of(
                "./secrets/x",
                "a/../secrets/x",
                "secrets//x",
                workspace.resolve("secrets/x").toString())) {
            Api.Answer read = alice.plan(Map.of("intent", "file.read", "params", Map.of("path", path)));

            assertThat(read.body().get("state").asText()).as(path).isEqualTo("denied");
            assertThat(read.body().get("decision").get("reasons").toString())
                    .as(path)
                    .contains("policy_rule:no-secrets");
        }
        Api.Answer escape = alice.plan(Map.of("intent", "file.read", "params", Map.of("path", "../secrets/x")));
        assertThat(escape.body().get("state").asText()).isEqualTo("failed");
    }

    private static String pendingShellRun() {
        String id = alice.plan(Map.of("intent", "shell.run", "params", Map.of("command", "true")))
                .body()
                .get("action_id")
                .asText();
        await().untilAsserted(() -> assertThat(
                        admin.get("/v1/approvals/" + id).body().get("state").asText())
                .isEqualTo("pending"));
        return id;
    }

    private static List<Envelope> about(String actionId) {
        return seen.stream().filter(e -> actionId.equals(e.subject())).toList();
    }

    private static Envelope plan(String principal) {
        PlanCommand plan = new PlanCommand(
                ActionIds.next(),
                "file.read",
                Map.of("path", "notes.txt"),
                null,
                principal,
                null,
                false,
                null,
                null,
                Map.of(),
                null,
                Instant.now());
        return Envelope.of("/handrail/impostor", plan, principal, null);
    }

    private static Envelope decide(String actionId, String principal) {
        return Envelope.of(
                "/handrail/impostor",
                new DecideCommand(actionId, DecideCommand.Verdict.APPROVE, principal, null),
                principal,
                null);
    }
}
