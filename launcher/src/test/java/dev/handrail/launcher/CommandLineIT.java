package dev.handrail.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.handrail.cli.HandrailCli;
import dev.handrail.contracts.json.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The operator command line against the whole system: every command run in-process the way
 * {@code ./handrail} runs it, in its table and --json forms, with its exit codes (0 ok, 1 refused
 * or failed, 2 usage, 3 unreachable, 4 unauthorised), an agent withdrawing its own pending action,
 * and {@code tail} resuming across a gateway restart with no event lost or repeated.
 */
class CommandLineIT {

    private static LocalSystem system;
    private static Api admin;
    private static Api agent;
    private static Path workspace;
    private static Path config;

    @BeforeAll
    static void startSystem() throws IOException {
        Awaitility.ignoreExceptionsByDefault();
        TestHome home = TestHome.create("handrail-cli-it");
        workspace = home.workspace();
        config = Files.createTempDirectory("handrail-cli-config");
        system = LocalSystem.start(home.settings());
        admin = Api.admin(system);
        agent = admin.as("cli-agent", "agent");
        admin.awaitNodeImplements("file.read");
        admin.awaitNodeImplements("file.write");
    }

    @AfterAll
    static void stopSystem() {
        if (system != null) {
            system.close();
        }
    }

    record Run(int exit, String out, String err) {
        JsonNode json() {
            try {
                return Json.mapper().readTree(out);
            } catch (IOException e) {
                throw new UncheckedIOException(out + err, e);
            }
        }
    }

    /** Runs {@code handrail ARGS} with the gateway URL and {@code token} in the environment, as a shell would pass them. */
    private static Run run(String token, String input, String... args) {
        Map<String, String> env = new HashMap<>();
        env.put("XDG_CONFIG_HOME", config.toString());
        env.put("HANDRAIL_URL", system.gatewayUrl());
        if (token != null) {
            env.put("HANDRAIL_TOKEN", token);
        }
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        var line = HandrailCli.commandLine(env, new BufferedReader(new StringReader(input)));
        line.setOut(new PrintWriter(out, true));
        line.setErr(new PrintWriter(err, true));
        int exit = line.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    private static Run asAdmin(String... args) {
        return run(system.adminToken(), "", args);
    }

    private static Run asAgent(String... args) {
        return run(agent.token(), "", args);
    }

    private static String pendingWrite(String session, String file) {
        Run planned =
                asAgent("plan", "file.write", "path=" + file, "content=from the cli", "--session", session, "--json");
        assertThat(planned.exit()).as(planned.err()).isZero();
        assertThat(planned.json().get("state").asText()).isEqualTo("pending_approval");
        return planned.json().get("action_id").asText();
    }

    @Test
    void loginSavesAPrivateProfileThatLaterCommandsUse() throws IOException {
        Map<String, String> env =
                Map.of("XDG_CONFIG_HOME", config.resolve("login").toString());
        StringWriter out = new StringWriter();
        var line = HandrailCli.commandLine(env, new BufferedReader(new StringReader(system.adminToken() + "\n")));
        line.setOut(new PrintWriter(out, true));
        line.setErr(new PrintWriter(new StringWriter(), true));

        assertThat(line.execute("login", "--url", system.gatewayUrl())).isZero();
        Path profile = config.resolve("login/handrail/profile");
        assertThat(Files.getPosixFilePermissions(profile))
                .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
        assertThat(out.toString()).contains("Logged in to " + system.gatewayUrl());

        StringWriter whoami = new StringWriter();
        var again = HandrailCli.commandLine(env, new BufferedReader(new StringReader("")));
        again.setOut(new PrintWriter(whoami, true));
        assertThat(again.execute("whoami", "--json")).isZero();
        assertThat(Json.mapper().readTree(whoami.toString()).get("role").asText())
                .isEqualTo("admin");

        assertThat(run("hr_not-a-token", "", "login").exit()).isEqualTo(4);
    }

    @Test
    void planRunsASafeActionAndExitsOneWhenRefused() throws IOException {
        Files.writeString(workspace.resolve("cli.txt"), "read by the cli");

        Run read = asAgent("plan", "file.read", "path=cli.txt", "--json");
        assertThat(read.exit()).as(read.err()).isZero();
        assertThat(read.json().get("state").asText()).isEqualTo("succeeded");
        assertThat(read.json().at("/execution/output/content").asText()).isEqualTo("read by the cli");

        Run table = asAgent("plan", "file.read", "path=cli.txt");
        assertThat(table.out()).contains("is succeeded").contains("read by the cli");

        Run dry = asAgent("plan", "file.write", "path=x.txt", "content=x", "--dry-run", "--json");
        assertThat(dry.exit()).isZero();
        assertThat(dry.json().get("state").asText()).isEqualTo("validated");

        Run unknown = asAgent("plan", "no.such.intent", "x=1");
        assertThat(unknown.exit()).isEqualTo(1);
        assertThat(unknown.out()).contains("rejected");

        assertThat(asAgent("plan", "file.read", "not-a-pair").exit()).isEqualTo(2);
    }

    @Test
    void operatorsListApproveDenyAndHoldFromTheCommandLine() throws IOException {
        String session = "cli-" + UUID.randomUUID();
        String approved = pendingWrite(session, "approved.txt");
        String denied = pendingWrite(session, "denied.txt");
        String held = pendingWrite(session, "held.txt");

        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            Run list = asAdmin("approvals", "--json");
            assertThat(list.exit()).isZero();
            assertThat(list.json()).extracting(a -> a.get("action_id").asText()).contains(approved, denied, held);
        });
        assertThat(asAdmin("approvals").out())
                .contains("ACTION")
                .contains(approved)
                .contains("file.write");

        Run approve = asAdmin("approve", approved, "-m", "looks fine", "--json");
        assertThat(approve.exit()).as(approve.err()).isZero();
        assertThat(approve.json().get("state").asText()).isEqualTo("succeeded");
        assertThat(workspace.resolve("approved.txt")).hasContent("from the cli");

        Run deny = asAdmin("deny", denied, "-m", "not today");
        assertThat(deny.exit()).isZero();
        assertThat(deny.out()).contains("Denied " + denied + ": denied");

        Run hold = asAdmin("hold", held, "-m", "asking the owner");
        assertThat(hold.exit()).as(hold.err()).isZero();
        assertThat(hold.out()).contains("Held " + held);

        Run again = asAdmin("approve", approved);
        assertThat(again.exit()).isEqualTo(1);
        assertThat(again.err()).contains("ALREADY_DECIDED");

        Run selfApproval = asAgent("approve", held);
        assertThat(selfApproval.exit()).isEqualTo(4);

        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            Run actions = asAdmin("actions", "--session", session, "--json");
            assertThat(actions.exit()).isZero();
            assertThat(actions.json())
                    .extracting(a -> a.get("state").asText())
                    .containsExactlyInAnyOrder("succeeded", "denied", "pending_approval");
        });
        assertThat(asAdmin("actions", "--session", session, "--state", "denied").out())
                .contains(denied)
                .doesNotContain(approved);

        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            Run show = asAdmin("show", approved, "--json");
            assertThat(show.exit()).isZero();
            assertThat(show.json().at("/trail/events"))
                    .extracting(e -> e.get("phase").asText())
                    .contains("plan", "await_approval", "approve", "execute", "verify");
        });
        assertThat(asAdmin("show", approved).out())
                .contains("Trail:")
                .contains("approve")
                .contains("looks fine");
        assertThat(asAdmin("show", "01NOSUCHACTION0000000000000").exit()).isEqualTo(1);
    }

    @Test
    void anAgentCancelsItsOwnPendingActionAndNobodyElseCan() {
        String session = "cancel-" + UUID.randomUUID();
        String id = pendingWrite(session, "cancelled.txt");

        // An operator who did not plan it is told to deny it instead (403: exit 4).
        Run notTheirs = asAdmin("actions", "cancel", id);
        assertThat(notTheirs.exit()).isEqualTo(4);
        assertThat(notTheirs.err()).contains("NOT_PLANNER");

        Run cancel = asAgent("actions", "cancel", id, "--reason", "changed my mind");
        assertThat(cancel.exit()).as(cancel.err()).isZero();
        assertThat(cancel.out()).contains("Action " + id).contains("is cancelled");
        assertThat(workspace.resolve("cancelled.txt")).doesNotExist();

        Run again = asAgent("actions", "cancel", id, "--json");
        assertThat(again.exit()).isEqualTo(1);
        assertThat(again.err()).contains("NOT_PENDING");
        assertThat(asAdmin("approve", id).exit()).isEqualTo(1);

        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            Run show = asAdmin("show", id, "--json");
            assertThat(show.exit()).isZero();
            assertThat(show.json().at("/action/state").asText()).isEqualTo("cancelled");
        });
        assertThat(asAgent("actions", "cancel", "01NOSUCHACTION0000000000000").err())
                .contains("NOT_FOUND");
    }

    @Test
    void runsAreListedShownAsATreeAndCancelled() {
        Api worker = admin.as("cli-worker", "agent");
        Api.Answer created = agent.post(
                "/v1/runs",
                Map.of("title", "Sort the inbox", "budget", Map.of("max_actions", 3, "max_duration_s", 600)));
        assertThat(created.status()).as("%s", created.body()).isEqualTo(201);
        String runId = created.body().get("run").get("id").asText();
        JsonNode claimed = worker.post("/v1/runs/claim", Map.of("ttl_s", 300)).body();
        assertThat(claimed.at("/run/id").asText()).isEqualTo(runId);
        String lease = claimed.at("/lease/token").asText();
        String step = worker.post("/v1/runs/" + runId + "/steps", Map.of("lease_token", lease, "name", "read mail"))
                .body()
                .at("/step/id")
                .asText();
        String call = worker.post(
                        "/v1/steps/" + step + "/toolcalls",
                        Map.of("lease_token", lease, "name", "imap.fetch", "input", Map.of("folder", "INBOX")))
                .body()
                .at("/tool_call/id")
                .asText();
        worker.post("/v1/toolcalls/" + call + "/succeed", Map.of("lease_token", lease, "output", Map.of("mails", 4)));
        worker.post(
                "/v1/steps/" + step + "/artifacts",
                Map.of("lease_token", lease, "name", "digest", "kind", "text", "content", "four mails\n\u001b[31mred"));
        String actionId = worker.readInStep("mail.txt", runId, step, lease);

        Run running = asAdmin("runs", "list", "--state", "running", "--json");
        assertThat(running.exit()).as(running.err()).isZero();
        assertThat(running.json()).extracting(r -> r.get("id").asText()).contains(runId);
        assertThat(asAdmin("runs", "list", "--state", "queued", "--json").json())
                .extracting(r -> r.get("id").asText())
                .doesNotContain(runId);
        assertThat(asAdmin("runs").out())
                .contains("RUN")
                .contains(runId)
                .contains("Sort the inbox")
                .contains("cli-worker");
        assertThat(asAdmin("runs", "list", "--state", "sleeping").exit()).isEqualTo(1);

        Run shown = asAdmin("runs", "show", runId);
        assertThat(shown.exit()).as(shown.err()).isZero();
        assertThat(shown.out())
                .contains("Run " + runId + ": Sort the inbox is running")
                .contains("worker:  cli-worker (lease expires ")
                .contains("budget:  1 of 3 actions, at most 600 s")
                .contains("└─ #1 read mail [running]")
                .contains("   ├─ tool call imap.fetch [succeeded] input {\"folder\":\"INBOX\"} → {\"mails\":4}")
                .contains("   ├─ artifact digest (text): four mails\\n\\u001b[31mred")
                .contains("   └─ action " + actionId + " file.read [")
                .doesNotContain("\u001b");
        Run json = asAdmin("runs", "show", runId, "--json");
        assertThat(json.json().at("/steps/0/tool_calls/0/name").asText()).isEqualTo("imap.fetch");
        assertThat(asAdmin("runs", "show", "no-such-run").err()).contains("NOT_FOUND");

        Run cancelled = asAdmin("runs", "cancel", runId, "--reason", "inbox is empty");
        assertThat(cancelled.exit()).as(cancelled.err()).isZero();
        assertThat(cancelled.out())
                .contains("Run " + runId + ": Sort the inbox is cancelled", "reason:  inbox is empty");
        assertThat(admin.get("/v1/runs/" + runId).body().at("/run/state").asText())
                .isEqualTo("cancelled");
        Run again = asAdmin("runs", "cancel", runId, "--json");
        assertThat(again.exit()).isEqualTo(1);
        assertThat(again.err()).contains("ALREADY_ENDED");
        assertThat(worker.post("/v1/runs/" + runId + "/complete", Map.of("lease_token", lease))
                        .status())
                .isEqualTo(409);
    }

    @Test
    void watchOffersEachNewApprovalAndTakesTheDecisionFromTheKeyboard() {
        String session = "watch-" + UUID.randomUUID();
        CompletableFuture<Run> watching = CompletableFuture.supplyAsync(() -> run(
                system.adminToken(),
                "d not from the watch\n",
                "approvals",
                "--watch",
                "--count",
                "1",
                "--state",
                "all",
                "--limit",
                "1"));
        // The watch first offers what is already pending (at most --limit of every state: none pending
        // among them once this test's plan is the newest), then what arrives on the feed.
        String id = pendingWrite(session, "watched.txt");
        Run watch = watching.orTimeout(60, TimeUnit.SECONDS).join();

        assertThat(watch.exit()).as(watch.err()).isZero();
        assertThat(watch.out())
                .contains("Approval " + id)
                .contains("file.write")
                .contains("deny → denied");
        await().atMost(Duration.ofSeconds(15))
                .untilAsserted(() -> assertThat(admin.get("/v1/actions/" + id)
                                .body()
                                .at("/action/state")
                                .asText())
                        .isEqualTo("denied"));
    }

    @Test
    void adminCommandsAnswerInTablesAndJson() throws IOException {
        Run engaged = asAdmin("kill-switch", "engage", "capability:shell.run", "-m", "maintenance", "--json");
        assertThat(engaged.exit()).as(engaged.err()).isZero();
        assertThat(engaged.json().get("engaged"))
                .extracting(s -> s.get("scope").asText())
                .contains("capability:shell.run");
        assertThat(asAdmin("kill-switch").out())
                .contains("capability:shell.run")
                .contains("maintenance");
        assertThat(asAdmin("kill-switch", "release", "capability:shell.run").exit())
                .isZero();
        assertThat(asAdmin("kill-switch", "status").out()).contains("nothing engaged");
        assertThat(asAgent("kill-switch", "engage", "global", "-m", "agents may not")
                        .exit())
                .isEqualTo(4);

        Run created = asAdmin("tokens", "create", "cli-operator", "operator", "--expires", "8h", "--json");
        assertThat(created.exit()).as(created.err()).isZero();
        String tokenId = created.json().get("id").asText();
        String secret = created.json().get("secret").asText();
        assertThat(created.json().get("expires_at").isNull()).isFalse();
        assertThat(run(secret, "", "whoami").out()).contains("cli-operator").contains("role operator");
        assertThat(asAdmin("tokens").out()).contains(tokenId).contains("cli-operator");
        assertThat(asAdmin("tokens", "list", "--json").json())
                .extracting(t -> t.get("id").asText())
                .contains(tokenId);
        assertThat(asAdmin("tokens", "revoke", tokenId).exit()).isZero();
        assertThat(run(secret, "", "whoami").exit()).isEqualTo(4);
        assertThat(asAgent("tokens").exit()).isEqualTo(4);

        Run health = asAdmin("health", "--json");
        assertThat(health.exit()).isZero();
        assertThat(health.json().has("overall_state")).isTrue();
        assertThat(asAdmin("health").out()).contains("Overall:");
        assertThat(asAdmin("breakers", "--json").exit()).isZero();
        assertThat(asAdmin("breakers").exit()).isZero();
        assertThat(asAdmin("dead-letters", "--json").json().isArray()).isTrue();
        assertThat(asAdmin("dead-letters").exit()).isZero();
        assertThat(asAdmin("dead-letters", "replay", "no-such-dead-letter").exit())
                .isEqualTo(1);
        assertThat(asAdmin("capabilities").out()).contains("file.read");
        assertThat(asAdmin("capabilities", "--json").json())
                .extracting(c -> c.get("intent").asText())
                .contains("file.write");

        Run policy = asAdmin("policy", "--json");
        assertThat(policy.exit()).isZero();
        assertThat(policy.json().has("version")).isTrue();
        assertThat(asAdmin("policy", "show").out()).contains("rules");
        Path candidate = Files.writeString(
                Files.createTempFile(config, "candidate", ".yaml"),
                "version: cli-candidate\nrules:\n  - id: no-writes\n    match: {intent: file.write}\n    effect: deny\n");
        Run whatIf = asAdmin("policy", "what-if", candidate.toString(), "--json");
        assertThat(whatIf.exit()).as(whatIf.err()).isZero();
        assertThat(whatIf.json().get("candidate_version").asText()).isEqualTo("cli-candidate");
        assertThat(asAdmin("policy", "what-if", candidate.toString()).out()).contains("cli-candidate");
    }

    @Test
    void auditExportIsVerifiedOfflineByTheSameVerifier() throws IOException {
        Path export = config.resolve("export.jsonl");
        Run exported = asAdmin("audit", "export", export.toString());
        assertThat(exported.exit()).as(exported.err()).isZero();
        assertThat(Files.size(export)).isPositive();

        Run verified = run(null, "", "audit", "verify", export.toString(), "--json");
        assertThat(verified.exit()).as(verified.out() + verified.err()).isZero();
        assertThat(verified.json().get("intact").asBoolean()).isTrue();

        List<String> lines = new ArrayList<>(Files.readAllLines(export));
        int event = 0;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains("\"kind\":\"event\"")) {
                event = i;
            }
        }
        lines.set(event, lines.get(event).replace("\"hash\":\"", "\"hash\":\"0"));
        Path tampered = Files.write(config.resolve("tampered.jsonl"), lines);
        assertThat(run(null, "", "audit", "verify", tampered.toString()).exit()).isEqualTo(1);
        assertThat(run(
                                null,
                                "",
                                "audit",
                                "verify",
                                config.resolve("missing.jsonl").toString())
                        .exit())
                .isEqualTo(2);
    }

    @Test
    void badTokensAndAnUnreachableGatewayHaveTheirOwnExitCodes() throws IOException {
        Run bad = run("hr_wrong", "", "approvals");
        assertThat(bad.exit()).isEqualTo(4);
        assertThat(bad.err()).contains("UNAUTHENTICATED");
        assertThat(run(null, "", "actions").exit()).isEqualTo(4);
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        assertThat(asAdmin("health", "--url", "http://127.0.0.1:" + port).exit())
                .isEqualTo(3);
        assertThat(asAdmin("approve").exit()).isEqualTo(2);
    }

    @Test
    void tailResumesAfterTheGatewayRestartsWithoutLosingOrRepeatingEvents() throws IOException {
        Files.writeString(workspace.resolve("tail.txt"), "tailed");
        // How many events one file.read leaves, from an action outside the tailed session.
        String probe = admin.plan(Map.of("intent", "file.read", "params", Map.of("path", "tail.txt")))
                .body()
                .get("action_id")
                .asText();
        int perAction = await().atMost(Duration.ofSeconds(15))
                .until(() -> eventsOf(probe).size(), n -> n >= 4);

        String session = "tail-" + UUID.randomUUID();
        CompletableFuture<Run> tailing = CompletableFuture.supplyAsync(
                () -> asAdmin("tail", "--json", "--session", session, "--count", String.valueOf(2 * perAction)));
        await().atMost(Duration.ofSeconds(10)).until(() -> !tailing.isDone());
        String before = planRead(session);
        await().atMost(Duration.ofSeconds(15)).until(() -> eventsOf(before).size() == perAction);
        system.restart("gateway-service");
        String after = planRead(session);

        Run tail = tailing.orTimeout(90, TimeUnit.SECONDS).join();
        assertThat(tail.exit()).as(tail.err()).isZero();
        List<Long> seqs = tail.out()
                .lines()
                .map(l -> {
                    try {
                        return Json.mapper().readTree(l).get("seq").asLong();
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                })
                .toList();
        Set<Long> expected = new TreeSet<>(eventsOf(before));
        expected.addAll(eventsOf(after));
        assertThat(seqs).isSorted().doesNotHaveDuplicates().containsExactlyElementsOf(expected);
        assertThat(tail.err()).contains("resuming");
    }

    private static String planRead(String session) {
        Api.Answer answer =
                agent.plan(Map.of("intent", "file.read", "params", Map.of("path", "tail.txt"), "session_id", session));
        assertThat(answer.body().get("state").asText()).isEqualTo("succeeded");
        return answer.body().get("action_id").asText();
    }

    private static List<Long> eventsOf(String actionId) {
        List<Long> seqs = new ArrayList<>();
        admin.get("/v1/events?action_id=" + actionId)
                .body()
                .get("events")
                .forEach(e -> seqs.add(e.get("seq").asLong()));
        return seqs;
    }
}
