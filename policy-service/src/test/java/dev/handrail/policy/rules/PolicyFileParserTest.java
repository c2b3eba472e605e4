package dev.handrail.policy.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.handrail.contracts.action.Decision.Effect;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PolicyFileParserTest {

    @Test
    void readsAWholePolicyFile() {
        PolicyDocument document = PolicyFileParser.parse("""
                version: "2026-03-01.2"
                description: tighter shell
                budgets:
                  per_session: 200
                  per_principal_per_minute: 30
                blocked_hotkeys: [alt+f4, ctrl+shift+esc]
                rules:
                  - id: no-rm
                    description: no deleting from agents
                    match:
                      intent: [shell.run, app.launch]
                      principal: "agent-*"
                      session: "re:^prod-"
                      node: desk-?
                      params:
                        command: "re:\\\\brm\\\\b"
                    effect: deny
                  - id: typing-needs-eyes
                    match: {intent: "keyboard.*"}
                    effect: require_approval
                """);

        assertThat(document.version()).isEqualTo("2026-03-01.2");
        assertThat(document.budgets()).isEqualTo(new PolicyDocument.Budgets(200, 30));
        assertThat(document.blockedHotkeys()).containsExactly("alt+f4", "ctrl+shift+esc");
        assertThat(document.rules()).extracting(PolicyRule::id).containsExactly("no-rm", "typing-needs-eyes");
        assertThat(document.rules().get(0).effect()).isEqualTo(Effect.DENY);
        assertThat(document.rules().get(0).reason()).isEqualTo("policy_rule:no-rm");
        assertThat(document.rules().get(1).intent().matches("keyboard.hotkey")).isTrue();
        assertThat(document.rules().get(1).intent().matches("mouse.click")).isFalse();
        assertThat(document.sha256()).hasSize(64);
    }

    @Test
    void theBuiltInPolicyReproducesTheCapabilityTableWithNoRules() {
        PolicyDocument builtin = ActivePolicy.builtin();

        assertThat(builtin.version()).isEqualTo("builtin-2");
        assertThat(builtin.rules()).isEmpty();
        assertThat(builtin.blockedHotkeys()).containsExactly("alt+f4");
        assertThat(builtin.budgets()).isEqualTo(new PolicyDocument.Budgets(10_000, 6_000));
    }

    static Stream<Arguments> invalid() {
        return Stream.of(
                Arguments.of("", "The policy file is empty"),
                Arguments.of("version: [1, 2", "not valid YAML"),
                Arguments.of("- a\n- b\n", "the policy file must be a mapping"),
                Arguments.of("rules: []\n", "version is required"),
                Arguments.of("version: v1\nrulez: []\n", "unknown key 'rulez'"),
                Arguments.of("version: v1\nversion: v2\n", "not valid YAML"),
                Arguments.of(
                        "version: v1\nbudgets: {per_session: 0}\n",
                        "budgets.per_session must be a whole number of at least 1"),
                Arguments.of("version: v1\nbudgets: {per_day: 3}\n", "budgets: unknown key 'per_day'"),
                Arguments.of("version: v1\nblocked_hotkeys: [\"\"]\n", "blocked_hotkeys: '' is not a hotkey"),
                Arguments.of(
                        "version: v1\nblocked_hotkeys: [atl+f4]\n",
                        "blocked_hotkeys: 'atl+f4' names keys the executor does not know: atl"),
                Arguments.of("version: v1\nrules: {a: b}\n", "rules must be a list"),
                Arguments.of("version: v1\nrules:\n  - effect: deny\n", "rules[0]: id is required"),
                Arguments.of("version: v1\nrules:\n  - id: bad id\n    effect: deny\n", "rules[0]: id is required"),
                Arguments.of(
                        "version: v1\nrules:\n  - id: r1\n    effect: block\n",
                        "rule 'r1' (rules[0]): effect 'block' is unknown; use allow, deny or require_approval"),
                Arguments.of("version: v1\nrules:\n  - id: r1\n", "rule 'r1' (rules[0]): effect is required"),
                Arguments.of(
                        "version: v1\nrules:\n  - id: r1\n    effect: deny\n    when: x\n",
                        "rule 'r1' (rules[0]): unknown key 'when'"),
                Arguments.of(
                        "version: v1\nrules:\n  - id: r1\n    effect: deny\n  - id: r1\n    effect: allow\n",
                        "rule 'r1' (rules[1]): id 'r1' is used by an earlier rule"),
                Arguments.of(
                        "version: v1\nrules:\n  - id: r1\n    effect: deny\n    match: {intent: file.delete}\n",
                        "rule 'r1' (rules[0]).match.intent: [file.delete] matches no capability"),
                Arguments.of(
                        "version: v1\nrules:\n  - id: r1\n    effect: deny\n    match: {verb: x}\n",
                        "rule 'r1' (rules[0]).match: unknown key 'verb'"),
                Arguments.of(
                        "version: v1\nrules:\n  - id: r1\n    effect: deny\n    match: {intent: file.read, params: {command: x}}\n",
                        "rule 'r1' (rules[0]).match.params: no capability the rule matches takes a parameter 'command'"),
                Arguments.of(
                        "version: v1\nrules:\n  - id: r1\n    effect: deny\n    match: {principal: \"re:([a-z\"}\n",
                        "rule 'r1' (rules[0]).match.principal: invalid regular expression"),
                Arguments.of(
                        "version: v1\nrules:\n  - id: r1\n    effect: deny\n    match: {node: []}\n",
                        "rule 'r1' (rules[0]).match.node: an empty list matches nothing"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("invalid")
    void refusesAnInvalidFileNamingTheProblem(String yaml, String message) {
        assertThatThrownBy(() -> PolicyFileParser.parse(yaml))
                .isInstanceOf(PolicyFileException.class)
                .hasMessageContaining(message);
    }

    @Test
    void matchesGlobsWholeAndRegularExpressionsAnywhere() {
        assertThat(ValuePattern.of("agent-*").matches("agent-7")).isTrue();
        assertThat(ValuePattern.of("agent-*").matches("my-agent-7")).isFalse();
        assertThat(ValuePattern.of("desk-?").matches("desk-12")).isFalse();
        assertThat(ValuePattern.of("re:rm -rf").matches("sudo rm -rf /")).isTrue();
        assertThat(ValuePattern.of("re:^rm").matches("sudo rm")).isFalse();
        assertThat(ValuePattern.of("a.b").matches("axb")).isFalse();
    }
}
