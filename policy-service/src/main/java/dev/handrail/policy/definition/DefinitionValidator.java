package dev.handrail.policy.definition;

import static dev.handrail.policy.definition.DefinitionLimits.CMD_MAX;
import static dev.handrail.policy.definition.DefinitionLimits.CWD_MAX;
import static dev.handrail.policy.definition.DefinitionLimits.NAME_MAX;
import static dev.handrail.policy.definition.DefinitionLimits.PARAMETERS_MAX;
import static dev.handrail.policy.definition.DefinitionLimits.PROMPT_MAX;
import static dev.handrail.policy.definition.DefinitionLimits.TITLE_MAX;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.handrail.contracts.capability.Capability;
import dev.handrail.contracts.capability.CapabilityCatalogue;
import dev.handrail.contracts.error.ErrorCode;
import dev.handrail.contracts.json.Json;
import dev.handrail.policy.RefusedException;
import dev.handrail.policy.rules.WorkspacePaths;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Validates and normalises what a client sends to create or edit an action definition: the
 * title, the kind, {@code enabled}, and the spec of each kind with its defaults filled in,
 * numbers clamped to their bounds and unknown keys dropped, so the stored spec is the normalised
 * one. Each problem is refused with its own error code ({@link RefusedException}).
 * Pure and thread-safe.
 */
public final class DefinitionValidator {

    /** The JSON types a parameter of an action definition may declare. */
    static final Set<String> PARAMETER_TYPES = Set.of("string", "integer", "number", "boolean");

    private static final Pattern PARAMETER_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,63}");
    private static final Pattern WINDOWS_DRIVE = Pattern.compile("^[A-Za-z]:.*");

    private DefinitionValidator() {}

    /** A new definition, normalised. */
    public record Draft(DefinitionKind kind, String title, boolean enabled, ObjectNode spec) {}

    /** What an edit changes; an empty field is left as it is. */
    public record Change(Optional<String> title, Optional<Boolean> enabled, Optional<ObjectNode> spec) {}

    /** Validates the body of a create: {@code title}, {@code kind} and {@code spec} required, {@code enabled} true unless sent. */
    public static Draft create(JsonNode body) {
        ObjectNode object = object(body);
        JsonNode kindNode = object.get("kind");
        if (kindNode == null || kindNode.isNull()) {
            throw refuse(ErrorCode.INVALID_KIND, "Missing required field: kind (" + DefinitionKind.names() + ")");
        }
        DefinitionKind kind = kind(kindNode);
        String title = title(object.get("title"))
                .orElseThrow(() -> refuse(ErrorCode.INVALID_TITLE, "Missing required field: title"));
        boolean enabled = enabled(object.get("enabled")).orElse(true);
        JsonNode spec = object.get("spec");
        if (spec == null || spec.isNull()) {
            throw refuse(ErrorCode.INVALID_SPEC, "Missing required field: spec (a JSON object)");
        }
        return new Draft(kind, title, enabled, spec(kind, spec));
    }

    /**
     * Validates the body of an edit of a definition of {@code kind}: any of {@code title},
     * {@code enabled} and {@code spec} (a whole new spec); {@code kind} may be sent only unchanged.
     */
    public static Change update(DefinitionKind kind, JsonNode body) {
        ObjectNode object = object(body);
        JsonNode kindNode = object.get("kind");
        if (kindNode != null && !kindNode.isNull() && kind(kindNode) != kind) {
            throw refuse(
                    ErrorCode.INVALID_KIND,
                    "The kind of a definition cannot change (it is " + kind.wire() + "); create a new definition");
        }
        Optional<String> title = title(object.get("title"));
        Optional<Boolean> enabled = enabled(object.get("enabled"));
        JsonNode specNode = object.get("spec");
        Optional<ObjectNode> spec =
                specNode == null || specNode.isNull() ? Optional.empty() : Optional.of(spec(kind, specNode));
        if (title.isEmpty() && enabled.isEmpty() && spec.isEmpty()) {
            throw refuse(ErrorCode.INVALID_BODY, "Send at least one of title, enabled and spec");
        }
        return new Change(title, enabled, spec);
    }

    /** The normalised spec of a definition of {@code kind}. */
    public static ObjectNode spec(DefinitionKind kind, JsonNode spec) {
        if (!spec.isObject()) {
            throw refuse(ErrorCode.INVALID_SPEC, "spec must be a JSON object");
        }
        return switch (kind) {
            case COMMAND -> command(spec);
            case PROMPT -> prompt(spec);
            case ACTION -> action(spec);
        };
    }

    private static ObjectNode object(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw refuse(ErrorCode.INVALID_BODY, "The body must be a JSON object");
        }
        return (ObjectNode) body;
    }

    private static DefinitionKind kind(JsonNode node) {
        if (!node.isTextual()) {
            throw refuse(ErrorCode.INVALID_KIND, "kind must be one of " + DefinitionKind.names());
        }
        return DefinitionKind.fromWire(node.asText())
                .orElseThrow(() -> refuse(
                        ErrorCode.INVALID_KIND,
                        "Unknown kind '" + shorten(node.asText()) + "'; use one of " + DefinitionKind.names()));
    }

    private static Optional<String> title(JsonNode node) {
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        if (!node.isTextual() || node.asText().isBlank()) {
            throw refuse(ErrorCode.INVALID_TITLE, "title must be a text that is not blank");
        }
        String title = node.asText().strip();
        if (title.length() > TITLE_MAX) {
            throw refuse(ErrorCode.INVALID_TITLE, "title must be at most " + TITLE_MAX + " characters");
        }
        return Optional.of(title);
    }

    private static Optional<Boolean> enabled(JsonNode node) {
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        if (!node.isBoolean()) {
            throw refuse(ErrorCode.INVALID_BODY, "enabled must be true or false");
        }
        return Optional.of(node.asBoolean());
    }

    private static ObjectNode command(JsonNode spec) {
        JsonNode cmd = spec.get("cmd");
        if (cmd == null || !cmd.isTextual() || cmd.asText().isBlank()) {
            throw refuse(ErrorCode.INVALID_CMD, "spec.cmd must be a command line that is not blank");
        }
        if (cmd.asText().length() > CMD_MAX) {
            throw refuse(ErrorCode.INVALID_CMD, "spec.cmd must be at most " + CMD_MAX + " characters");
        }
        ObjectNode normal = Json.mapper().createObjectNode();
        normal.put("cmd", cmd.asText());
        normal.put("cwd", cwd(spec.get("cwd")));
        normal.put(
                "timeout_s",
                seconds(
                        spec.get("timeout_s"),
                        DefinitionLimits.COMMAND_TIMEOUT_DEFAULT_S,
                        DefinitionLimits.COMMAND_TIMEOUT_MIN_S,
                        DefinitionLimits.COMMAND_TIMEOUT_MAX_S));
        return normal;
    }

    /**
     * A working directory relative to the workspace, normalised ({@code ./a/../b} is {@code b},
     * nothing is {@code .}); an absolute one or one that climbs out with {@code ..} is refused.
     */
    static String cwd(JsonNode node) {
        if (node == null || node.isNull()) {
            return DefinitionLimits.CWD_DEFAULT;
        }
        if (!node.isTextual()) {
            throw refuse(ErrorCode.INVALID_CWD, "spec.cwd must be a text: a directory relative to the workspace");
        }
        String raw = node.asText().strip();
        if (raw.isEmpty()) {
            return DefinitionLimits.CWD_DEFAULT;
        }
        if (raw.length() > CWD_MAX || raw.indexOf('\0') >= 0) {
            throw refuse(
                    ErrorCode.INVALID_CWD,
                    "spec.cwd must be a path of at most " + CWD_MAX + " characters without NUL bytes");
        }
        String slashed = raw.replace('\\', '/');
        if (slashed.startsWith("/") || WINDOWS_DRIVE.matcher(slashed).matches()) {
            throw refuse(
                    ErrorCode.CWD_OUTSIDE_WORKSPACE,
                    "spec.cwd must be relative to the workspace, not an absolute path: " + shorten(raw));
        }
        String normal = WorkspacePaths.normalise(slashed, java.util.List.of());
        if (WorkspacePaths.leavesWorkspace(normal)) {
            throw refuse(ErrorCode.CWD_OUTSIDE_WORKSPACE, "spec.cwd leads out of the workspace: " + shorten(raw));
        }
        return normal;
    }

    private static ObjectNode prompt(JsonNode spec) {
        JsonNode prompt = spec.get("prompt");
        if (prompt == null || !prompt.isTextual() || prompt.asText().isBlank()) {
            throw refuse(ErrorCode.INVALID_PROMPT, "spec.prompt must be a text that is not blank");
        }
        if (prompt.asText().length() > PROMPT_MAX) {
            throw refuse(ErrorCode.INVALID_PROMPT, "spec.prompt must be at most " + PROMPT_MAX + " characters");
        }
        ObjectNode normal = Json.mapper().createObjectNode();
        normal.put("agent", name(spec.get("agent"), "agent", DefinitionLimits.PROMPT_AGENT_DEFAULT));
        normal.put("model", name(spec.get("model"), "model", DefinitionLimits.PROMPT_MODEL_DEFAULT));
        normal.put("reasoning", name(spec.get("reasoning"), "reasoning", DefinitionLimits.PROMPT_REASONING_DEFAULT));
        normal.put(
                "timeout_s",
                seconds(
                        spec.get("timeout_s"),
                        DefinitionLimits.PROMPT_TIMEOUT_DEFAULT_S,
                        DefinitionLimits.PROMPT_TIMEOUT_MIN_S,
                        DefinitionLimits.PROMPT_TIMEOUT_MAX_S));
        normal.put("prompt", prompt.asText());
        return normal;
    }

    private static String name(JsonNode node, String field, String fallback) {
        if (node == null || node.isNull()) {
            return fallback;
        }
        if (!node.isTextual() || node.asText().isBlank() || node.asText().length() > NAME_MAX) {
            throw refuse(
                    ErrorCode.INVALID_SPEC, "spec." + field + " must be a text of 1 to " + NAME_MAX + " characters");
        }
        return node.asText().strip();
    }

    private static ObjectNode action(JsonNode spec) {
        JsonNode intentNode = spec.get("intent");
        if (intentNode == null || !intentNode.isTextual()) {
            throw refuse(ErrorCode.INVALID_SPEC, "spec.intent must name a capability, e.g. file.write");
        }
        Capability capability = CapabilityCatalogue.find(intentNode.asText())
                .orElseThrow(() -> refuse(
                        ErrorCode.INVALID_SPEC,
                        "spec.intent '" + shorten(intentNode.asText()) + "' is not in the capability catalogue"));
        ObjectNode parameters = parameters(spec.get("parameters"));
        JsonNode paramsNode = spec.get("params");
        ObjectNode params = Json.mapper().createObjectNode();
        if (paramsNode != null && !paramsNode.isNull()) {
            if (!paramsNode.isObject()) {
                throw refuse(ErrorCode.INVALID_SPEC, "spec.params must be a JSON object of parameter templates");
            }
            params = ((ObjectNode) paramsNode).deepCopy();
        }
        Set<String> unknown = new TreeSet<>();
        params.fieldNames().forEachRemaining(name -> {
            if (!capability.knownParams().contains(name)) {
                unknown.add(name);
            }
        });
        if (!unknown.isEmpty()) {
            throw refuse(
                    ErrorCode.INVALID_SPEC,
                    capability.intent() + " has no parameter " + String.join(", ", unknown) + "; it takes "
                            + new TreeSet<>(capability.knownParams()));
        }
        Set<String> undeclared = new TreeSet<>(Templates.placeholders(params));
        parameters.fieldNames().forEachRemaining(undeclared::remove);
        if (!undeclared.isEmpty()) {
            throw refuse(
                    ErrorCode.INVALID_SPEC,
                    "Placeholders not declared in spec.parameters: " + String.join(", ", undeclared));
        }
        ObjectNode normal = Json.mapper().createObjectNode();
        normal.put("intent", capability.intent());
        normal.set("params", params);
        normal.set("parameters", parameters);
        JsonNode timeout = spec.get("timeout_s");
        if (timeout != null && !timeout.isNull()) {
            normal.put(
                    "timeout_s",
                    seconds(
                            timeout,
                            DefinitionLimits.COMMAND_TIMEOUT_DEFAULT_S,
                            DefinitionLimits.COMMAND_TIMEOUT_MIN_S,
                            DefinitionLimits.COMMAND_TIMEOUT_MAX_S));
        }
        return normal;
    }

    /** The parameter schema: each name to {@code {type, required, description}}, {@code required} true unless sent. */
    private static ObjectNode parameters(JsonNode node) {
        ObjectNode schema = Json.mapper().createObjectNode();
        if (node == null || node.isNull()) {
            return schema;
        }
        if (!node.isObject()) {
            throw refuse(
                    ErrorCode.INVALID_SPEC,
                    "spec.parameters must be a JSON object: each name to {type, required, description}");
        }
        if (node.size() > PARAMETERS_MAX) {
            throw refuse(ErrorCode.INVALID_SPEC, "spec.parameters may declare at most " + PARAMETERS_MAX);
        }
        for (Map.Entry<String, JsonNode> e : node.properties()) {
            String name = e.getKey();
            JsonNode declared = e.getValue();
            if (!PARAMETER_NAME.matcher(name).matches()) {
                throw refuse(
                        ErrorCode.INVALID_SPEC,
                        "Parameter name '" + shorten(name)
                                + "' must be letters, digits and _, not starting with a digit");
            }
            if (!declared.isObject()
                    || !declared.path("type").isTextual()
                    || !PARAMETER_TYPES.contains(declared.path("type").asText())) {
                throw refuse(
                        ErrorCode.INVALID_SPEC,
                        "Parameter " + name + " needs a type: one of " + new TreeSet<>(PARAMETER_TYPES));
            }
            JsonNode required = declared.get("required");
            if (required != null && !required.isNull() && !required.isBoolean()) {
                throw refuse(ErrorCode.INVALID_SPEC, "Parameter " + name + ": required must be true or false");
            }
            ObjectNode normal = schema.putObject(name);
            normal.put("type", declared.get("type").asText());
            normal.put("required", required == null || required.isNull() || required.asBoolean());
            JsonNode description = declared.get("description");
            if (description != null && !description.isNull()) {
                normal.put("description", name(description, "parameters." + name + ".description", ""));
            }
        }
        return schema;
    }

    /** Whole seconds, {@code fallback} when not given, clamped to {@code min..max}. */
    private static int seconds(JsonNode node, int fallback, int min, int max) {
        if (node == null || node.isNull()) {
            return fallback;
        }
        if (!node.isNumber() || !node.canConvertToLong() || node.asDouble() != Math.rint(node.asDouble())) {
            throw refuse(ErrorCode.INVALID_SPEC, "spec.timeout_s must be a whole number of seconds");
        }
        return (int) Math.max(min, Math.min(max, node.asLong()));
    }

    private static String shorten(String s) {
        return s.length() <= 64 ? s : s.substring(0, 64) + "...";
    }

    static RefusedException refuse(ErrorCode code, String message) {
        return new RefusedException(code, message);
    }
}
