package dev.handrail.policy.definition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.handrail.contracts.definition.RenderedPlan;
import dev.handrail.contracts.error.ErrorCode;
import dev.handrail.contracts.json.Json;
import dev.handrail.policy.RefusedException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DefinitionValidatorTest {

    private static JsonNode json(String text) {
        return Json.read(text.replace('\'', '"').getBytes(StandardCharsets.UTF_8), JsonNode.class);
    }

    private static ErrorCode refusal(Runnable validation) {
        try {
            validation.run();
        } catch (RefusedException e) {
            return e.code();
        }
        throw new AssertionError("Not refused");
    }

    @Test
    void normalisesACommandWithItsDefaultsAndDropsUnknownKeys() {
        DefinitionValidator.Draft draft = DefinitionValidator.create(json(
                "{'title': '  Docs  ', 'kind': 'command', 'spec': {'cmd': 'make docs', 'shell': 'bash', 'x': 1}}"));

        assertThat(draft.kind()).isEqualTo(DefinitionKind.COMMAND);
        assertThat(draft.title()).isEqualTo("Docs");
        assertThat(draft.enabled()).isTrue();
        assertThat(draft.spec()).isEqualTo(json("{'cmd': 'make docs', 'cwd': '.', 'timeout_s': 60}"));
    }

    @ParameterizedTest
    @CsvSource({"0, 1", "-5, 1", "1, 1", "600, 600", "3600, 3600", "99999, 3600"})
    void clampsACommandsTimeout(long given, int clamped) {
        ObjectNode spec =
                DefinitionValidator.spec(DefinitionKind.COMMAND, json("{'cmd': 'ls', 'timeout_s': " + given + "}"));

        assertThat(spec.get("timeout_s").asInt()).isEqualTo(clamped);
    }

    @Test
    void fillsAPromptsDefaultsAndClampsItsTimeout() {
        ObjectNode spec = DefinitionValidator.spec(
                DefinitionKind.PROMPT, json("{'prompt': 'Summarise the README', 'timeout_s': 1000, 'extra': true}"));

        assertThat(spec)
                .isEqualTo(json("{'agent': 'codex', 'model': 'gpt-5.3-codex', 'reasoning': 'medium', 'timeout_s': 300,"
                        + " 'prompt': 'Summarise the README'}"));
        assertThat(DefinitionValidator.spec(DefinitionKind.PROMPT, json("{'prompt': 'p', 'timeout_s': 1}"))
                        .get("timeout_s")
                        .asInt())
                .isEqualTo(5);
    }

    @ParameterizedTest
    @CsvSource({"., .", "docs, docs", "./docs/./site, docs/site", "docs/../site, site", "docs\\site, docs/site"})
    void normalisesAWorkingDirectoryInsideTheWorkspace(String given, String normalised) {
        assertThat(DefinitionValidator.cwd(Json.mapper().getNodeFactory().textNode(given)))
                .isEqualTo(normalised);
    }

    @ParameterizedTest
    @ValueSource(strings = {"..", "../etc", "docs/../../etc", "/etc", "/", "C:\\Windows", "c:/x", "\\\\server\\share"})
    void refusesAWorkingDirectoryOutsideTheWorkspace(String cwd) {
        assertThat(refusal(() ->
                        DefinitionValidator.cwd(Json.mapper().getNodeFactory().textNode(cwd))))
                .isEqualTo(ErrorCode.CWD_OUTSIDE_WORKSPACE);
    }

    @Test
    void refusesEachProblemWithItsOwnCode() {
        assertThat(refusal(() -> DefinitionValidator.create(json("[1]")))).isEqualTo(ErrorCode.INVALID_BODY);
        assertThat(refusal(() -> DefinitionValidator.create(json("{'title': 't', 'kind': 'shell', 'spec': {}}"))))
                .isEqualTo(ErrorCode.INVALID_KIND);
        assertThat(refusal(() -> DefinitionValidator.create(json("{'title': 't', 'spec': {}}"))))
                .isEqualTo(ErrorCode.INVALID_KIND);
        assertThat(refusal(() ->
                        DefinitionValidator.create(json("{'title': ' ', 'kind': 'command', 'spec': {'cmd': 'ls'}}"))))
                .isEqualTo(ErrorCode.INVALID_TITLE);
        assertThat(refusal(() -> DefinitionValidator.create(
                        json("{'title': '" + "t".repeat(201) + "', 'kind': 'command', 'spec': {'cmd': 'ls'}}"))))
                .isEqualTo(ErrorCode.INVALID_TITLE);
        assertThat(refusal(() -> DefinitionValidator.create(json("{'title': 't', 'kind': 'command', 'spec': 'ls'}"))))
                .isEqualTo(ErrorCode.INVALID_SPEC);
        assertThat(refusal(() ->
                        DefinitionValidator.create(json("{'title': 't', 'kind': 'command', 'spec': {'cmd': ''}}"))))
                .isEqualTo(ErrorCode.INVALID_CMD);
        assertThat(refusal(() -> DefinitionValidator.spec(
                        DefinitionKind.COMMAND, json("{'cmd': '" + "x".repeat(20_001) + "'}"))))
                .isEqualTo(ErrorCode.INVALID_CMD);
        assertThat(refusal(() -> DefinitionValidator.spec(DefinitionKind.COMMAND, json("{'cmd': 'ls', 'cwd': 5}"))))
                .isEqualTo(ErrorCode.INVALID_CWD);
        assertThat(refusal(() -> DefinitionValidator.spec(DefinitionKind.PROMPT, json("{'prompt': 3}"))))
                .isEqualTo(ErrorCode.INVALID_PROMPT);
        assertThat(refusal(() -> DefinitionValidator.spec(
                        DefinitionKind.PROMPT, json("{'prompt': '" + "p".repeat(200_001) + "'}"))))
                .isEqualTo(ErrorCode.INVALID_PROMPT);
        assertThat(refusal(() ->
                        DefinitionValidator.spec(DefinitionKind.COMMAND, json("{'cmd': 'ls', 'timeout_s': 'x'}"))))
                .isEqualTo(ErrorCode.INVALID_SPEC);
        assertThat(refusal(() -> DefinitionValidator.create(
                        json("{'title': 't', 'kind': 'command', 'enabled': 'yes', 'spec': {'cmd': 'ls'}}"))))
                .isEqualTo(ErrorCode.INVALID_BODY);
    }

    @Test
    void anEditMayNotChangeTheKindAndMustChangeSomething() {
        assertThat(refusal(() -> DefinitionValidator.update(DefinitionKind.COMMAND, json("{'kind': 'prompt'}"))))
                .isEqualTo(ErrorCode.INVALID_KIND);
        assertThat(refusal(() -> DefinitionValidator.update(DefinitionKind.COMMAND, json("{}"))))
                .isEqualTo(ErrorCode.INVALID_BODY);

        DefinitionValidator.Change change =
                DefinitionValidator.update(DefinitionKind.COMMAND, json("{'kind': 'command', 'enabled': false}"));

        assertThat(change.enabled()).contains(false);
        assertThat(change.title()).isEmpty();
        assertThat(change.spec()).isEmpty();
    }

    @Test
    void anActionDeclaresEveryPlaceholderItsTemplatesUse() {
        JsonNode spec = json("{'intent': 'file.write', 'params': {'path': 'notes/{{name}}.txt', 'content': '{{text}}'},"
                + " 'parameters': {'name': {'type': 'string'}, 'text': {'type': 'string', 'required': false}},"
                + " 'other': 1}");

        ObjectNode normal = DefinitionValidator.spec(DefinitionKind.ACTION, spec);

        assertThat(normal.has("other")).isFalse();
        assertThat(normal.get("parameters").get("name").get("required").asBoolean())
                .isTrue();
        assertThat(normal.get("parameters").get("text").get("required").asBoolean())
                .isFalse();

        assertThat(refusal(() -> DefinitionValidator.spec(
                        DefinitionKind.ACTION, json("{'intent': 'file.write', 'params': {'path': '{{where}}'}}"))))
                .isEqualTo(ErrorCode.INVALID_SPEC);
        assertThat(refusal(() -> DefinitionValidator.spec(DefinitionKind.ACTION, json("{'intent': 'no.such'}"))))
                .isEqualTo(ErrorCode.INVALID_SPEC);
        assertThat(refusal(() -> DefinitionValidator.spec(
                        DefinitionKind.ACTION, json("{'intent': 'file.read', 'params': {'file': 'x'}}"))))
                .isEqualTo(ErrorCode.INVALID_SPEC);
        assertThat(
                        refusal(
                                () -> DefinitionValidator.spec(
                                        DefinitionKind.ACTION,
                                        json(
                                                "{'intent': 'file.read', 'params': {'path': '{{p}}'}, 'parameters': {'p': {'type': 'date'}}}"))))
                .isEqualTo(ErrorCode.INVALID_SPEC);
    }

    @Test
    void rendersAnActionWithTypedArguments() {
        JsonNode spec = DefinitionValidator.spec(
                DefinitionKind.ACTION,
                json("{'intent': 'mouse.click', 'params': {'x': '{{x}}', 'y': 10, 'button': '{{side}}'},"
                        + " 'parameters': {'x': {'type': 'integer'}, 'side': {'type': 'string'}}}"));

        RenderedPlan plan =
                DefinitionRenderer.render("d1", 3, DefinitionKind.ACTION, spec, Map.of("x", 42, "side", "left"));

        assertThat(plan.intent()).isEqualTo("mouse.click");
        assertThat(plan.params()).containsEntry("x", 42).containsEntry("y", 10).containsEntry("button", "left");
        assertThat(plan.metadata()).containsEntry("definition_id", "d1").containsEntry("definition_version", 3);
        assertThat(refusal(() -> DefinitionRenderer.render(
                        "d1", 3, DefinitionKind.ACTION, spec, Map.of("x", "forty", "side", "left"))))
                .isEqualTo(ErrorCode.VALIDATION_FAILED);
        assertThat(refusal(() -> DefinitionRenderer.render("d1", 3, DefinitionKind.ACTION, spec, Map.of("x", 1))))
                .isEqualTo(ErrorCode.VALIDATION_FAILED);
        assertThat(refusal(() -> DefinitionRenderer.render(
                        "d1", 3, DefinitionKind.ACTION, spec, Map.of("x", 1, "side", "l", "z", 0))))
                .isEqualTo(ErrorCode.VALIDATION_FAILED);
    }

    @Test
    void rendersACommandAsShellRunAndRefusesToRunAPrompt() {
        JsonNode command = DefinitionValidator.spec(
                DefinitionKind.COMMAND, json("{'cmd': 'ls -la', 'cwd': 'docs', 'timeout_s': 30}"));

        RenderedPlan plan = DefinitionRenderer.render("d2", 1, DefinitionKind.COMMAND, command, Map.of());

        assertThat(plan.intent()).isEqualTo("shell.run");
        assertThat(plan.params()).isEqualTo(Map.of("command", "ls -la", "cwd", "docs"));
        assertThat(plan.timeoutMs()).isEqualTo(30_000L);
        JsonNode prompt = DefinitionValidator.spec(DefinitionKind.PROMPT, json("{'prompt': 'hi'}"));
        assertThatThrownBy(() -> DefinitionRenderer.render("d3", 1, DefinitionKind.PROMPT, prompt, Map.of()))
                .isInstanceOfSatisfying(
                        RefusedException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_RUNNABLE));
    }
}
