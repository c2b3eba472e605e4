package dev.handrail.policy.decision;

import static org.assertj.core.api.Assertions.assertThat;

import dev.handrail.contracts.action.Decision;
import dev.handrail.contracts.action.Decision.Effect;
import dev.handrail.contracts.capability.Capability;
import dev.handrail.contracts.capability.CapabilityCatalogue;
import dev.handrail.policy.Policies;
import dev.handrail.policy.rules.PolicyDocument;
import dev.handrail.policy.rules.PolicyFileParser;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class DecisionMakerTest {

    private static final String VERSION = "test-7";
    private static final String NODE = "desk-1";

    /** One outcome: how the conditions and the policy file are set, and what every capability must get. */
    record Outcome(String name, String rules, Consumer<TestConditions> setUp, Effect effect, List<String> reasons) {

        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Outcome> outcomes() {
        return Stream.of(
                new Outcome(
                        "a kill switch for everything",
                        "",
                        c -> c.killSwitches.add("global"),
                        Effect.DENY,
                        List.of("kill_switch")),
                new Outcome(
                        "a kill switch for the node",
                        "",
                        c -> c.killSwitches.add("node:" + NODE),
                        Effect.DENY,
                        List.of("kill_switch")),
                new Outcome(
                        "a disabled capability",
                        "",
                        c -> c.disabled.addAll(intents()),
                        Effect.DENY,
                        List.of("capability_disabled")),
                new Outcome(
                        "an open breaker for the node",
                        "",
                        c -> c.openBreakers.add("node:" + NODE),
                        Effect.DENY,
                        List.of("circuit_open")),
                new Outcome(
                        "every denial at once, all named",
                        "",
                        c -> {
                            c.killSwitches.add("global");
                            c.disabled.addAll(intents());
                            c.openBreakers.add("node:" + NODE);
                        },
                        Effect.DENY,
                        List.of("kill_switch", "capability_disabled", "circuit_open")),
                new Outcome(
                        "a kill switch even against an allowing rule",
                        rule("allow"),
                        c -> c.killSwitches.add("global"),
                        Effect.DENY,
                        List.of("kill_switch")),
                new Outcome("a rule that denies", rule("deny"), c -> {}, Effect.DENY, List.of("policy_rule:r1")),
                new Outcome(
                        "a rule that requires approval",
                        rule("require_approval"),
                        c -> {},
                        Effect.REQUIRE_APPROVAL,
                        List.of("policy_rule:r1")),
                new Outcome("a rule that allows", rule("allow"), c -> {}, Effect.ALLOW, List.of("policy_rule:r1")),
                new Outcome(
                        "a rule before the approval mode",
                        rule("require_approval"),
                        c -> intents().forEach(i -> c.modes.put(i, ApprovalMode.AUTO)),
                        Effect.REQUIRE_APPROVAL,
                        List.of("policy_rule:r1")),
                new Outcome(
                        "a spent session budget",
                        budgets("per_session: 3"),
                        c -> c.sessionActions = 3,
                        Effect.DENY,
                        List.of("budget_exceeded")),
                new Outcome(
                        "a spent principal rate",
                        budgets("per_principal_per_minute: 2"),
                        c -> c.principalActions = 2,
                        Effect.DENY,
                        List.of("rate_limited")),
                new Outcome(
                        "both budgets spent",
                        budgets("per_session: 1\n  per_principal_per_minute: 1"),
                        c -> {
                            c.sessionActions = 1;
                            c.principalActions = 5;
                        },
                        Effect.DENY,
                        List.of("budget_exceeded", "rate_limited")));
    }

    static Stream<Arguments> everyCapabilityAndOutcome() {
        return CapabilityCatalogue.all().stream().flatMap(c -> outcomes().map(o -> Arguments.of(c.intent(), o)));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("everyCapabilityAndOutcome")
    void decidesEveryCapabilityUnderEveryOutcome(String intent, Outcome outcome) {
        TestConditions conditions = new TestConditions();
        outcome.setUp().accept(conditions);

        Decision decision =
                DecisionMaker.decide(proposal(intent, safeParams(intent)), policy(outcome.rules()), conditions);

        assertThat(decision).isEqualTo(new Decision(outcome.effect(), outcome.reasons(), VERSION));
    }

    static Stream<Capability> catalogue() {
        return CapabilityCatalogue.all().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("catalogue")
    void followsTheCapabilityTableWhenNothingElseDecides(Capability capability) {
        Decision decision = DecisionMaker.decide(
                proposal(capability.intent(), safeParams(capability.intent())), policy(""), new TestConditions());

        assertThat(decision)
                .isEqualTo(
                        capability.requiresApproval()
                                ? new Decision(Effect.REQUIRE_APPROVAL, List.of("risk_requires_approval"), VERSION)
                                : new Decision(Effect.ALLOW, List.of("risk_allows"), VERSION));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("catalogue")
    void followsTheApprovalModeAnOperatorSet(Capability capability) {
        TestConditions auto = new TestConditions();
        auto.modes.put(capability.intent(), ApprovalMode.AUTO);
        TestConditions required = new TestConditions();
        required.modes.put(capability.intent(), ApprovalMode.REQUIRE_APPROVAL);
        Proposal proposal = proposal(capability.intent(), safeParams(capability.intent()));

        assertThat(DecisionMaker.decide(proposal, policy(""), auto))
                .isEqualTo(new Decision(
                        Effect.ALLOW,
                        List.of(capability.requiresApproval() ? "approval_mode_auto" : "risk_allows"),
                        VERSION));
        assertThat(DecisionMaker.decide(proposal, policy(""), required))
                .isEqualTo(new Decision(
                        Effect.REQUIRE_APPROVAL,
                        List.of(capability.requiresApproval() ? "risk_requires_approval" : "approval_mode_required"),
                        VERSION));
    }

    @Test
    void killSwitchOfOneCapabilityLeavesTheOthersAlone() {
        TestConditions conditions = new TestConditions();
        conditions.killSwitches.add("capability:shell.run");

        assertThat(DecisionMaker.decide(proposal("shell.run", Map.of("command", "ls")), policy(""), conditions)
                        .reasons())
                .containsExactly("kill_switch");
        assertThat(DecisionMaker.decide(proposal("file.read", Map.of("path", "a")), policy(""), conditions)
                        .effect())
                .isEqualTo(Effect.ALLOW);
    }

    @Test
    void breakerOfOneCapabilityOnTheNodeLeavesTheOthersAlone() {
        TestConditions conditions = new TestConditions();
        conditions.openBreakers.add("node:" + NODE + ":file.read");

        assertThat(DecisionMaker.decide(proposal("file.read", Map.of("path", "a")), policy(""), conditions)
                        .reasons())
                .containsExactly("circuit_open");
        assertThat(DecisionMaker.decide(proposal("window.list", Map.of()), policy(""), conditions)
                        .effect())
                .isEqualTo(Effect.ALLOW);
    }

    @Test
    void blocksADestructiveShellCommandWhateverTheRules() {
        Decision decision = DecisionMaker.decide(
                proposal("shell.run", Map.of("command", "sh -c 'rm -rf /'")),
                policy(rule("allow")),
                new TestConditions());

        assertThat(decision).isEqualTo(new Decision(Effect.DENY, List.of("blocked_command"), VERSION));
    }

    @Test
    void blocksLaunchingAShellThatShutsTheMachineDown() {
        Decision decision = DecisionMaker.decide(
                proposal(
                        "app.launch",
                        Map.of("target", "C:\\Windows\\System32\\cmd.exe", "args", List.of("/c", "shutdown", "/s"))),
                policy(""),
                new TestConditions());

        assertThat(decision.reasons()).containsExactly("blocked_command");
    }

    @Test
    void sendsAProgramWithUnsafeArgumentsToAPersonEvenWhenARuleAllowsIt() {
        for (Proposal proposal : List.of(
                proposal("shell.run", Map.of("command", "sort -o out.txt in.txt")),
                proposal("shell.run", Map.of("command", "timeout 5 find . -exec rm {} ;")),
                proposal("app.launch", Map.of("target", "/usr/bin/sort", "args", List.of("--output=x", "y"))),
                proposal("app.launch", Map.of("target", "date", "args", "-s 2020-01-01")))) {
            assertThat(DecisionMaker.decide(proposal, policy(rule("allow")), new TestConditions()))
                    .as("%s", proposal.params())
                    .isEqualTo(new Decision(
                            Effect.REQUIRE_APPROVAL, List.of("policy_rule:r1", "unsafe_arguments"), VERSION));
            assertThat(DecisionMaker.decide(proposal, policy(""), new TestConditions())
                            .reasons())
                    .containsExactly("risk_requires_approval", "unsafe_arguments");
        }
        assertThat(DecisionMaker.decide(
                        proposal("shell.run", Map.of("command", "sort -r in.txt")),
                        policy(rule("allow")),
                        new TestConditions()))
                .isEqualTo(new Decision(Effect.ALLOW, List.of("policy_rule:r1"), VERSION));
        assertThat(DecisionMaker.decide(
                                proposal("shell.run", Map.of("command", "sort -o x y")),
                                policy(rule("deny")),
                                new TestConditions())
                        .effect())
                .isEqualTo(Effect.DENY);
    }

    @Test
    void blocksSystemHotkeysAndAddsEveryDenialReason() {
        TestConditions conditions = new TestConditions();
        conditions.killSwitches.add("global");

        Decision decision = DecisionMaker.decide(
                proposal("keyboard.hotkey", Map.of("keys", "Ctrl+Alt+Delete")), policy(""), conditions);

        assertThat(decision).isEqualTo(new Decision(Effect.DENY, List.of("kill_switch", "blocked_hotkey"), VERSION));
    }

    @Test
    void unblocksAltF4OnlyWhenThePolicyFileDropsIt() {
        Proposal altF4 = proposal("keyboard.hotkey", Map.of("keys", "alt+f4"));

        assertThat(DecisionMaker.decide(altF4, policy(""), new TestConditions()).reasons())
                .containsExactly("blocked_hotkey");
        PolicyDocument noSystemKeys = PolicyFileParser.parse("version: " + VERSION + "\nblocked_hotkeys: []\n");
        assertThat(DecisionMaker.decide(altF4, noSystemKeys, new TestConditions())
                        .reasons())
                .containsExactly("risk_requires_approval");
        assertThat(DecisionMaker.decide(
                                proposal("keyboard.hotkey", Map.of("keys", "win+l")),
                                noSystemKeys,
                                new TestConditions())
                        .reasons())
                .containsExactly("blocked_hotkey");
    }

    @Test
    void asksNoBudgetWhenTheActionIsDeniedAnyway() {
        TestConditions conditions = new TestConditions();
        conditions.killSwitches.add("global");

        DecisionMaker.decide(proposal("file.read", Map.of("path", "a")), policy(budgets("per_session: 1")), conditions);

        assertThat(conditions.budgetQueries).isZero();
    }

    @Test
    void asksBothBudgetsInOneLook() {
        TestConditions conditions = new TestConditions();
        conditions.principalActions = 7;

        Decision decision = DecisionMaker.decide(
                proposal("file.read", Map.of("path", "a")),
                policy(budgets("per_session: 5\n  per_principal_per_minute: 7")),
                conditions);

        assertThat(decision.reasons()).containsExactly("rate_limited");
        assertThat(conditions.budgetQueries).isEqualTo(1);
    }

    @Test
    void triesRulesInFileOrderAndTheFirstMatchDecides() {
        PolicyDocument document = PolicyFileParser.parse("""
                version: %s
                rules:
                  - id: git-is-fine
                    match: {intent: shell.run, params: {command: "re:^git "}}
                    effect: allow
                  - id: no-shell-for-bots
                    match: {intent: shell.run, principal: "bot-*"}
                    effect: deny
                """.formatted(VERSION));

        assertThat(DecisionMaker.decide(
                                new Proposal(
                                        capability("shell.run"), Map.of("command", "git status"), NODE, "bot-1", "s"),
                                document,
                                new TestConditions())
                        .reasons())
                .containsExactly("policy_rule:git-is-fine");
        assertThat(DecisionMaker.decide(
                                new Proposal(capability("shell.run"), Map.of("command", "ls"), NODE, "bot-1", "s"),
                                document,
                                new TestConditions())
                        .reasons())
                .containsExactly("policy_rule:no-shell-for-bots");
        assertThat(DecisionMaker.decide(
                                new Proposal(capability("shell.run"), Map.of("command", "ls"), NODE, "alice", "s"),
                                document,
                                new TestConditions())
                        .reasons())
                .containsExactly("risk_requires_approval");
    }

    @Test
    void carriesTheVersionOfThePolicyInForceOnOperatorDecisions() {
        DecisionMaker decisions = Policies.builtinDecisions();

        assertThat(decisions.operatorApproved())
                .isEqualTo(new Decision(Effect.ALLOW, List.of("approved_by_operator"), "builtin-2"));
        assertThat(decisions.operatorDenied())
                .isEqualTo(new Decision(Effect.DENY, List.of("denied_by_operator"), "builtin-2"));
    }

    private static PolicyDocument policy(String body) {
        return PolicyFileParser.parse("version: " + VERSION + "\nblocked_hotkeys: [alt+f4]\n" + body);
    }

    private static String rule(String effect) {
        return "rules:\n  - id: r1\n    effect: " + effect + "\n";
    }

    private static String budgets(String lines) {
        return "budgets:\n  " + lines + "\n";
    }

    private static List<String> intents() {
        return CapabilityCatalogue.all().stream().map(Capability::intent).toList();
    }

    private static Capability capability(String intent) {
        return CapabilityCatalogue.find(intent).orElseThrow();
    }

    private static Proposal proposal(String intent, Map<String, Object> params) {
        return new Proposal(capability(intent), params, NODE, "agent-1", "session-1");
    }

    /** Parameters that no guard blocks. */
    private static Map<String, Object> safeParams(String intent) {
        return switch (intent) {
            case "shell.run" -> Map.of("command", "ls -la");
            case "app.launch" -> Map.of("target", "notepad.exe");
            case "keyboard.hotkey" -> Map.of("keys", "ctrl+c");
            default -> Map.of();
        };
    }
}
