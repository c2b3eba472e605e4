package dev.handrail.policy.definition;

import com.fasterxml.jackson.databind.JsonNode;
import dev.handrail.contracts.definition.RenderedPlan;
import dev.handrail.contracts.error.ErrorCode;
import dev.handrail.contracts.json.Json;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Turns a definition's spec into the plan a run sends through policy: a {@code command} becomes
 * {@code shell.run} with its command, working directory and timeout; an {@code action} its
 * intent with the parameter templates filled from the run's arguments, each checked against the
 * definition's parameter schema; a {@code prompt} is not runnable. Pure and thread-safe.
 */
final class DefinitionRenderer {

    static final String SHELL_RUN = "shell.run";

    private DefinitionRenderer() {}

    static RenderedPlan render(
            String id, int version, DefinitionKind kind, JsonNode spec, Map<String, Object> arguments) {
        return switch (kind) {
            case PROMPT ->
                throw DefinitionValidator.refuse(
                        ErrorCode.NOT_RUNNABLE,
                        "Definition " + id + " is a prompt: agents read it with GET /v1/action-definitions/" + id
                                + "; it cannot be run");
            case COMMAND -> {
                if (!arguments.isEmpty()) {
                    throw DefinitionValidator.refuse(
                            ErrorCode.VALIDATION_FAILED, "A command definition takes no arguments");
                }
                Map<String, Object> params = new HashMap<>();
                params.put("command", spec.path("cmd").asText());
                params.put("cwd", spec.path("cwd").asText(DefinitionLimits.CWD_DEFAULT));
                yield new RenderedPlan(
                        id, version, SHELL_RUN, params, spec.path("timeout_s").asLong() * 1_000);
            }
            case ACTION -> action(id, version, spec, arguments);
        };
    }

    private static RenderedPlan action(String id, int version, JsonNode spec, Map<String, Object> arguments) {
        JsonNode schema = spec.path("parameters");
        Set<String> unknown = new TreeSet<>(arguments.keySet());
        schema.fieldNames().forEachRemaining(unknown::remove);
        if (!unknown.isEmpty()) {
            throw DefinitionValidator.refuse(
                    ErrorCode.VALIDATION_FAILED,
                    "Unknown arguments: " + String.join(", ", unknown) + "; this definition takes "
                            + new TreeSet<>(iterable(schema)));
        }
        Map<String, JsonNode> values = new HashMap<>();
        for (Map.Entry<String, JsonNode> declared : schema.properties()) {
            String name = declared.getKey();
            JsonNode value = Json.mapper().valueToTree(arguments.get(name));
            if (value == null || value.isNull()) {
                if (declared.getValue().path("required").asBoolean(true)) {
                    throw DefinitionValidator.refuse(ErrorCode.VALIDATION_FAILED, "Missing argument: " + name);
                }
                value = Json.mapper().getNodeFactory().textNode("");
            } else if (!fits(declared.getValue().path("type").asText(), value)) {
                throw DefinitionValidator.refuse(
                        ErrorCode.VALIDATION_FAILED,
                        "Argument " + name + " must be a "
                                + declared.getValue().path("type").asText());
            }
            values.put(name, value);
        }
        JsonNode params = Templates.render(spec.path("params"), values);
        @SuppressWarnings("unchecked")
        Map<String, Object> rendered = Json.mapper().convertValue(params, Map.class);
        JsonNode timeout = spec.get("timeout_s");
        Long timeoutMs = timeout == null || timeout.isNull() ? null : timeout.asLong() * 1_000;
        return new RenderedPlan(id, version, spec.path("intent").asText(), rendered, timeoutMs);
    }

    private static boolean fits(String type, JsonNode value) {
        return switch (type) {
            case "string" -> value.isTextual();
            case "integer" -> value.isIntegralNumber();
            case "number" -> value.isNumber();
            case "boolean" -> value.isBoolean();
            default -> false;
        };
    }

    private static Set<String> iterable(JsonNode schema) {
        Set<String> names = new TreeSet<>();
        schema.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
