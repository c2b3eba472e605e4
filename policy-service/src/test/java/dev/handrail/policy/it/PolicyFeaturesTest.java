package dev.handrail.policy.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.handrail.bus.Bus;
import dev.handrail.contracts.Subjects;
import dev.handrail.contracts.action.ActionIds;
import dev.handrail.contracts.action.ActionView;
import dev.handrail.contracts.action.Check;
import dev.handrail.contracts.action.Decision;
import dev.handrail.contracts.action.Decision.Effect;
import dev.handrail.contracts.action.Validation;
import dev.handrail.contracts.capability.RiskLevel;
import dev.handrail.contracts.message.ActionApproved;
import dev.handrail.contracts.message.ActionDenied;
import dev.handrail.contracts.message.ActionPlanned;
import dev.handrail.contracts.message.ActionValidated;
import dev.handrail.contracts.message.ApprovalRequested;
import dev.handrail.contracts.message.BreakerStateChanged;
import dev.handrail.contracts.message.DecideCommand.Verdict;
import dev.handrail.contracts.message.DecisionRefused;
import dev.handrail.contracts.message.Envelope;
import dev.handrail.contracts.message.PlanCommand;
import dev.handrail.contracts.policy.ApprovalHold;
import dev.handrail.contracts.policy.CapabilityUpdate;
import dev.handrail.contracts.policy.WhatIfQuery;
import dev.handrail.contracts.query.ActionListQuery;
import dev.handrail.contracts.query.ActionPage;
import dev.handrail.contracts.query.ByIdQuery;
import dev.handrail.contracts.query.ListQuery;
import dev.handrail.contracts.query.Reply;
import dev.handrail.devkit.Infrastructure;
import dev.handrail.policy.breaker.BreakerBoard;
import io.micronaut.context.ApplicationContext;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Policy's decisions in a running service: a policy file (rules, budgets, hot reload), blocked
 * input, capability settings, breakers, approval lifetimes per risk, evaluate, what-if and holds.
 * Each test plans as its own principal and session, so budgets do not leak between tests.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PolicyFeaturesTest implements TestPropertyProvider {

    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final Duration QUIET = Duration.ofMillis(700);
    private static final String POLICY = """
            version: features-1
            budgets:
              per_session: 2
              per_principal_per_minute: 3
            blocked_hotkeys: [alt+f4]
            rules:
              - id: no-shell-for-bots
                match: {intent: shell.run, principal: "bot-*"}
                effect: deny
              - id: no-secrets
                match: {intent: file.read, params: {path: "secrets/*"}}
                effect: deny
            """;

    @Inject
    Bus bus;

    @Inject
    BreakerBoard breakers;

    private final Path policyFile = tempPolicyFile();
    private EventTap tap;
    private Driver driver;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(Infrastructure.shared().serviceProperties("policy"));
        properties.put("micronaut.server.port", "-1");
        properties.put("handrail.policy.file", policyFile.toString());
        properties.put("handrail.policy.reload-interval", "100ms");
        properties.put("handrail.policy.approval-ttl-by-risk.high", "42s");
        return properties;
    }

    @BeforeEach
    void tapTheFeed() throws Exception {
        driver = new Driver(bus);
        writePolicy(POLICY);
        await().atMost(WAIT)
                .until(() -> "features-1".equals(status().get("version").asText()));
        tap = new EventTap(Infrastructure.shared().natsUrl());
        driver.nodeOnline("local", Map.of());
    }

    @AfterEach
    void closeTheTap() {
        tap.close();
    }

    @Test
    void deniesByTheFirstMatchingRuleAndRecordsThePolicyVersion() {
        String id = driver.send(Driver.plan("shell.run", Map.of("command", "ls"), "bot-" + unique(), unique()));

        Decision decision = denied(id);
        assertThat(decision)
                .isEqualTo(new Decision(Effect.DENY, List.of("policy_rule:no-shell-for-bots"), "features-1"));
    }

    @Test
    void deniesAPathRuleWhateverFormThePathIsWrittenIn() {
        // Node "local" reports the workspace root /tmp (Driver.nodeOnline).
        for (String path : List.of(
                "secrets/key",
                "./secrets/key",
                "a/../secrets/key",
                "secrets//key",
                "/tmp/secrets/key",
                "/tmp/./x/../secrets/key")) {
            String id = driver.send(Driver.plan("file.read", Map.of("path", path), unique(), unique()));

            assertThat(denied(id).reasons()).as(path).containsExactly("policy_rule:no-secrets");
        }
    }

    @Test
    void appliesAChangedPolicyFileWithoutARestart() {
        writePolicy(POLICY.replace("features-1", "features-2").replace("\"bot-*\"", "[\"bot-*\", \"carol\"]"));
        await().atMost(WAIT)
                .until(() -> "features-2".equals(status().get("version").asText()));

        String id = driver.send(Driver.plan("shell.run", Map.of("command", "ls"), "carol", unique()));

        assertThat(denied(id))
                .isEqualTo(new Decision(Effect.DENY, List.of("policy_rule:no-shell-for-bots"), "features-2"));
    }

    @Test
    void keepsTheLastGoodPolicyWhenTheFileBecomesInvalidAndSaysWhy() {
        writePolicy("version: broken\nrules:\n  - id: r9\n    effect: nope\n");

        await().atMost(WAIT)
                .untilAsserted(() -> assertThat(status().get("last_error").asText())
                        .contains("rule 'r9' (rules[0]): effect 'nope' is unknown"));
        assertThat(status().get("version").asText()).isEqualTo("features-1");
        String id = driver.send(Driver.plan("shell.run", Map.of("command", "ls"), "bot-" + unique(), unique()));
        assertThat(denied(id).policyVersion()).isEqualTo("features-1");
    }

    @Test
    void deniesADestructiveCommandOutrightWithBlockedCommand() {
        String id = driver.send(
                Driver.plan("shell.run", Map.of("command", "cmd /c \"shutdown /s /t 0\""), unique(), unique()));

        assertThat(denied(id)).isEqualTo(new Decision(Effect.DENY, List.of("blocked_command"), "features-1"));
    }

    @Test
    void deniesASystemHotkeyOutrightWithBlockedHotkey() {
        String id = driver.send(
                Driver.plan("keyboard.hotkey", Map.of("keys", List.of("Ctrl", "Alt", "Delete")), unique(), unique()));

        assertThat(denied(id).reasons()).containsExactly("blocked_hotkey");
    }

    @Test
    void rejectsTooLongTextBeforeAnyDecision() {
        String id = driver.send(Driver.plan("keyboard.type", Map.of("text", "x".repeat(1_001)), unique(), unique()));

        await().atMost(WAIT)
                .during(QUIET)
                .untilAsserted(() -> assertThat(tap.kinds(id)).containsExactly("ActionPlanned", "ActionRejected"));
    }

    @Test
    void deniesTheThirdActionOfASessionWithBudgetExceeded() {
        String principal = unique();
        String session = unique();
        String first = driver.send(Driver.plan("file.read", Map.of("path", "/tmp/a"), principal, session));
        awaitKinds(first, "ActionPlanned", "ActionValidated", "ActionApproved", "ExecuteCommand");
        String second = driver.send(Driver.plan("file.read", Map.of("path", "/tmp/a"), principal, session));
        awaitKinds(second, "ActionPlanned", "ActionValidated", "ActionApproved", "ExecuteCommand");

        String third = driver.send(Driver.plan("file.read", Map.of("path", "/tmp/a"), principal, session));

        assertThat(denied(third).reasons()).containsExactly("budget_exceeded");
    }

    @Test
    void aPlanSeenAgainKeepsWhatWasDecidedFirstEvenWhenDecidingNowWouldDeny() {
        String principal = unique();
        String session = unique();
        PlanCommand first = Driver.plan("file.read", Map.of("path", "/tmp/a"), principal, session);
        driver.send(first);
        awaitKinds(first.actionId(), "ActionPlanned", "ActionValidated", "ActionApproved", "ExecuteCommand");
        String second = driver.send(Driver.plan("file.read", Map.of("path", "/tmp/a"), principal, session));
        awaitKinds(second, "ActionPlanned", "ActionValidated", "ActionApproved", "ExecuteCommand");

        driver.send(first);
        String third = driver.send(Driver.plan("file.read", Map.of("path", "/tmp/a"), principal, session));

        assertThat(denied(third).reasons()).containsExactly("budget_exceeded");
        // The stored decision is published again as it was (the feed drops the repeated event ids), not decided anew.
        awaitKinds(
                first.actionId(),
                "ActionPlanned",
                "ActionValidated",
                "ActionApproved",
                "ExecuteCommand",
                "ActionPlanned",
                "ActionValidated",
                "ActionApproved",
                "ExecuteCommand");
    }

    @Test
    void deniesTheFourthActionOfAPrincipalInAMinuteWithRateLimited() {
        String principal = unique();
        for (int i = 0; i < 3; i++) {
            String id = driver.send(Driver.plan("file.read", Map.of("path", "/tmp/a"), principal, unique()));
            awaitKinds(id, "ActionPlanned", "ActionValidated", "ActionApproved", "ExecuteCommand");
        }

        String fourth = driver.send(Driver.plan("file.read", Map.of("path", "/tmp/a"), principal, unique()));

        assertThat(denied(fourth).reasons()).containsExactly("rate_limited");
    }

    @Test
    void deniesADisabledCapabilityAndReportsItDisabledUntilEnabledAgain() {
        Reply disabled =
                driver.ask(Subjects.QUERY_CAPABILITY_UPDATE, new CapabilityUpdate("window.list", false, null, "admin"));
        assertThat(disabled.ok()).isTrue();
        assertThat(disabled.data().get("enabled").asBoolean()).isFalse();
        assertThat(capability("window.list").get("enabled").asBoolean()).isFalse();
        assertThat(capability("window.list").get("changed_by").asText()).isEqualTo("admin");

        String id = driver.send(Driver.plan("window.list", Map.of(), unique(), unique()));
        assertThat(denied(id).reasons()).containsExactly("capability_disabled");

        driver.ask(Subjects.QUERY_CAPABILITY_UPDATE, new CapabilityUpdate("window.list", true, null, "admin"));
        String again = driver.send(Driver.plan("window.list", Map.of(), unique(), unique()));
        awaitKinds(again, "ActionPlanned", "ActionValidated", "ActionApproved", "ExecuteCommand");
    }

    @Test
    void followsTheApprovalModeAnOperatorSets() {
        driver.ask(Subjects.QUERY_CAPABILITY_UPDATE, new CapabilityUpdate("file.write", null, "auto", "admin"));
        driver.ask(
                Subjects.QUERY_CAPABILITY_UPDATE, new CapabilityUpdate("file.read", null, "require_approval", "admin"));
        try {
            String write = driver.send(
                    Driver.plan("file.write", Map.of("path", "/tmp/w", "content", "x"), unique(), unique()));
            awaitKinds(write, "ActionPlanned", "ActionValidated", "ActionApproved", "ExecuteCommand");
            assertThat(tap.messages(write, ActionApproved.class)
                            .get(0)
                            .decision()
                            .reasons())
                    .containsExactly("approval_mode_auto");
            String read = driver.send(Driver.plan("file.read", Map.of("path", "/tmp/r"), unique(), unique()));
            awaitKinds(read, "ActionPlanned", "ActionValidated", "ApprovalRequested");
            assertThat(tap.messages(read, ApprovalRequested.class)
                            .get(0)
                            .decision()
                            .reasons())
                    .containsExactly("approval_mode_required");
        } finally {
            driver.ask(
                    Subjects.QUERY_CAPABILITY_UPDATE,
                    new CapabilityUpdate("file.write", null, "require_approval", "admin"));
            driver.ask(Subjects.QUERY_CAPABILITY_UPDATE, new CapabilityUpdate("file.read", null, "auto", "admin"));
        }
    }

    @Test
    void refusesAnUpdateOfAnUnknownCapabilityOrAnUnknownMode() {
        assertThat(driver.ask(Subjects.QUERY_CAPABILITY_UPDATE, new CapabilityUpdate("file.delete", false, null, "a"))
                        .error()
                        .code())
                .isEqualTo("NOT_FOUND");
        assertThat(driver.ask(
                                Subjects.QUERY_CAPABILITY_UPDATE,
                                new CapabilityUpdate("file.read", null, "sometimes", "a"))
                        .error()
                        .code())
                .isEqualTo("VALIDATION_FAILED");
    }

    @Test
    void deniesWhileABreakerIsOpenAndLetsActionsThroughWhenHalfOpen() {
        String node = "desk-" + unique().substring(0, 8);
        driver.nodeOnline(node, Map.of());
        breaker("node:" + node + ":clipboard.read", node, "clipboard.read", "open", "closed");

        PlanCommand read = new PlanCommand(
                ActionIds.next(),
                "clipboard.read",
                Map.of(),
                unique(),
                unique(),
                null,
                false,
                null,
                null,
                Map.of(),
                node,
                Instant.now());
        String id = driver.send(read);
        assertThat(denied(id).reasons()).containsExactly("circuit_open");

        breaker("node:" + node + ":clipboard.read", node, "clipboard.read", "half_open", "open");
        PlanCommand again = new PlanCommand(
                ActionIds.next(),
                "clipboard.read",
                Map.of(),
                unique(),
                unique(),
                null,
                false,
                null,
                null,
                Map.of(),
                node,
                Instant.now());
        String second = driver.send(again);
        awaitKinds(second, "ActionPlanned", "ActionValidated", "ActionApproved", "ExecuteCommand");
    }

    @Test
    void recoversBreakerStatesFromTheEventStreamOnStartUp() {
        String node = "desk-" + unique().substring(0, 8);
        breaker("node:" + node, node, null, "open", "closed");

        try (ApplicationContext fresh = PolicyInstances.start(PolicyInstances.sharedDatabase(Map.of()))) {
            BreakerBoard board = fresh.getBean(BreakerBoard.class);
            assertThat(board.state("node:" + node)).contains("open");
            assertThat(board.open(node, "file.read")).contains("node:" + node);
        }
    }

    @Test
    void refusesToApproveWhileTheNodesBreakerIsOpen() {
        String node = "desk-" + unique().substring(0, 8);
        driver.nodeOnline(node, Map.of());
        PlanCommand write = new PlanCommand(
                ActionIds.next(),
                "file.write",
                Map.of("path", "/tmp/b", "content", "x"),
                unique(),
                unique(),
                null,
                false,
                null,
                null,
                Map.of(),
                node,
                Instant.now());
        String id = driver.send(write);
        awaitKinds(id, "ActionPlanned", "ActionValidated", "ApprovalRequested");
        breaker("node:" + node, node, null, "open", "closed");

        driver.decide(id, Verdict.APPROVE, "alice");

        await().atMost(WAIT)
                .untilAsserted(() -> assertThat(tap.messages(id, DecisionRefused.class))
                        .singleElement()
                        .satisfies(refused -> assertThat(refused.code()).isEqualTo("CIRCUIT_OPEN")));
        assertThat(tap.kinds(id)).doesNotContain("ExecuteCommand");
    }

    @Test
    void givesEachRiskLevelItsOwnApprovalLifetime() {
        Instant before = Instant.now();
        String high = driver.send(Driver.plan("keyboard.type", Map.of("text", "hi"), unique(), unique()));
        String medium =
                driver.send(Driver.plan("file.write", Map.of("path", "/tmp/m", "content", "x"), unique(), unique()));

        awaitKinds(high, "ActionPlanned", "ActionValidated", "ApprovalRequested");
        awaitKinds(medium, "ActionPlanned", "ActionValidated", "ApprovalRequested");
        assertThat(tap.messages(high, ApprovalRequested.class).get(0).expiresAt())
                .isBetween(before.plusSeconds(41), Instant.now().plusSeconds(42));
        assertThat(tap.messages(medium, ApprovalRequested.class).get(0).expiresAt())
                .isBetween(before.plusSeconds(299), Instant.now().plusSeconds(300));
    }

    @Test
    void evaluatesAPlanWithoutCreatingAnActionOrUsingBudget() {
        String principal = unique();
        PlanCommand plan = new PlanCommand(
                null,
                "shell.run",
                Map.of("command", "ls"),
                unique(),
                principal,
                null,
                false,
                999_999L,
                null,
                Map.of(),
                null,
                Instant.now());

        for (int i = 0; i < 5; i++) {
            Reply reply = driver.ask(Subjects.QUERY_POLICY_EVALUATE, plan);
            assertThat(reply.ok()).isTrue();
            assertThat(reply.data().get("validation").get("valid").asBoolean()).isTrue();
            assertThat(reply.data().get("decision").get("effect").asText()).isEqualTo("require_approval");
            assertThat(reply.data().get("decision").get("policy_version").asText())
                    .isEqualTo("features-1");
            assertThat(reply.data().get("timeout_ms").asLong()).isEqualTo(300_000);
        }
        String real = driver.send(Driver.plan("file.read", Map.of("path", "/tmp/a"), principal, unique()));
        awaitKinds(real, "ActionPlanned", "ActionValidated", "ActionApproved", "ExecuteCommand");

        Reply invalid = driver.ask(
                Subjects.QUERY_POLICY_EVALUATE,
                new PlanCommand(
                        null,
                        "browser.open",
                        Map.of("url", "javascript:alert(1)"),
                        null,
                        principal,
                        null,
                        false,
                        null,
                        null,
                        Map.of(),
                        null,
                        Instant.now()));
        assertThat(invalid.data().get("validation").get("valid").asBoolean()).isFalse();
        assertThat(invalid.data().get("decision").isNull()).isTrue();
        assertThat(invalid.data().get("validation").toString()).contains("url must use http or https, not javascript:");
    }

    @Test
    void holdsAPendingApprovalRecordingWhoAndWhyAndLetsItBeApprovedLater() {
        String id =
                driver.send(Driver.plan("file.write", Map.of("path", "/tmp/h", "content", "x"), unique(), unique()));
        awaitKinds(id, "ActionPlanned", "ActionValidated", "ApprovalRequested");

        Reply held = driver.ask(Subjects.QUERY_APPROVAL_HOLD, new ApprovalHold(id, "bob", "asking the owner"));

        assertThat(held.ok()).isTrue();
        assertThat(held.data().get("state").asText()).isEqualTo("pending");
        assertThat(held.data().get("on_hold").asBoolean()).isTrue();
        assertThat(held.data().get("history").get(0).get("verdict").asText()).isEqualTo("hold");
        assertThat(held.data().get("history").get(0).get("decided_by").asText()).isEqualTo("bob");
        assertThat(held.data().get("history").get(0).get("comment").asText()).isEqualTo("asking the owner");
        Reply pending = driver.ask(Subjects.QUERY_APPROVALS, new ListQuery(Map.of("state", "pending"), 500));
        assertThat(pending.data().get("approvals").toString()).contains(id);

        driver.decide(id, Verdict.APPROVE, "alice");

        awaitKinds(id, "ActionPlanned", "ActionValidated", "ApprovalRequested", "ActionApproved", "ExecuteCommand");
        Reply approval = driver.ask(Subjects.QUERY_APPROVAL, new ByIdQuery(id));
        assertThat(approval.data().get("state").asText()).isEqualTo("approved");
        assertThat(approval.data().get("on_hold").asBoolean()).isFalse();
        assertThat(approval.data().get("history"))
                .extracting(e -> e.get("verdict").asText())
                .containsExactly("hold", "approve");
        assertThat(approval.data().get("history").get(1).get("decided_by").asText())
                .isEqualTo("alice");
        assertThat(driver.ask(Subjects.QUERY_APPROVAL_HOLD, new ApprovalHold(id, "bob", "late"))
                        .error()
                        .code())
                .isEqualTo("NOT_PENDING");
        assertThat(driver.ask(Subjects.QUERY_APPROVAL, new ByIdQuery(ActionIds.next()))
                        .error()
                        .code())
                .isEqualTo("NOT_FOUND");
    }

    @Test
    void reportsWhichRecordedDecisionsACandidatePolicyWouldChange() {
        List<ActionView> history = List.of(
                recorded("shell.run", Map.of("command", "ls"), "agent-1"),
                recorded("shell.run", Map.of("command", "git status"), "agent-1"),
                recorded("file.read", Map.of("path", "/tmp/a"), "agent-1"),
                recorded("file.write", Map.of("path", "/tmp/a", "content", "x"), "bot-9"));
        bus.respond(
                Subjects.QUERY_ACTIONS,
                "test-audit",
                ActionListQuery.class,
                query -> Reply.ok(
                        new ActionPage(history.subList(0, Math.min(query.limit(), history.size())), history.size())));
        String candidate = """
                version: candidate-1
                rules:
                  - id: git-is-fine
                    match: {intent: shell.run, params: {command: "re:^git "}}
                    effect: allow
                  - id: no-writes
                    match: {intent: file.write}
                    effect: deny
                """;

        Reply reply = driver.ask(Subjects.QUERY_POLICY_WHAT_IF, new WhatIfQuery(candidate, 10));

        assertThat(reply.ok()).isTrue();
        JsonNode report = reply.data();
        assertThat(report.get("active_version").asText()).isEqualTo("features-1");
        assertThat(report.get("candidate_version").asText()).isEqualTo("candidate-1");
        assertThat(report.get("evaluated").asInt()).isEqualTo(4);
        assertThat(report.get("changed").asInt()).isEqualTo(2);
        assertThat(report.get("transitions").get("require_approval->allow").asInt())
                .isEqualTo(1);
        assertThat(report.get("transitions").get("require_approval->deny").asInt())
                .isEqualTo(1);
        JsonNode git = report.get("changes").get(0);
        assertThat(git.get("action_id").asText()).isEqualTo(history.get(1).actionId());
        assertThat(git.get("before").get("reasons").get(0).asText()).isEqualTo("risk_requires_approval");
        assertThat(git.get("after").get("reasons").get(0).asText()).isEqualTo("policy_rule:git-is-fine");
        assertThat(driver.ask(Subjects.QUERY_POLICY_WHAT_IF, new WhatIfQuery("version: x\nrules: 5\n", 10))
                        .error()
                        .code())
                .isEqualTo("POLICY_INVALID");
    }

    private static ActionView recorded(String intent, Map<String, Object> params, String principal) {
        String id = ActionIds.next();
        Instant at = Instant.now();
        Validation valid = Validation.of(List.of(Check.pass("capability_exists", "known")));
        return ActionView.empty(id)
                .apply(
                        new ActionPlanned(
                                id,
                                intent,
                                params,
                                "s-1",
                                principal,
                                null,
                                false,
                                10_000,
                                0,
                                Map.of(),
                                "local",
                                RiskLevel.MEDIUM,
                                true,
                                at),
                        at)
                .apply(new ActionValidated(id, intent, valid, false), at);
    }

    private void breaker(String name, String node, String intent, String state, String previous) {
        BreakerStateChanged change = new BreakerStateChanged(name, node, intent, state, previous, Instant.now());
        bus.publish(change.natsSubject(), Envelope.of(Driver.SOURCE, change, "health", null))
                .join();
        await().atMost(WAIT)
                .until(() -> breakers.state(name).filter(state::equals).isPresent());
    }

    private Decision denied(String id) {
        awaitKinds(id, "ActionPlanned", "ActionValidated", "ActionDenied");
        return tap.messages(id, ActionDenied.class).get(0).decision();
    }

    private void awaitKinds(String id, String... kinds) {
        await().atMost(WAIT)
                .during(QUIET)
                .untilAsserted(() -> assertThat(tap.kinds(id)).containsExactly(kinds));
    }

    private JsonNode status() {
        return driver.ask(Subjects.QUERY_POLICY_STATUS, new ListQuery(Map.of(), 0))
                .data();
    }

    private JsonNode capability(String intent) {
        for (JsonNode c : driver.capabilities().data().get("capabilities")) {
            if (c.get("intent").asText().equals(intent)) {
                return c;
            }
        }
        throw new AssertionError("No capability " + intent);
    }

    private void writePolicy(String yaml) {
        try {
            Files.writeString(policyFile, yaml);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path tempPolicyFile() {
        try {
            Path file = Files.createTempDirectory("policy-features").resolve("policy.yaml");
            Files.writeString(file, POLICY);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String unique() {
        return UUID.randomUUID().toString();
    }
}
