package dev.handrail.contracts.capability;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * JSON Schema (draft 2020-12) of a capability's parameters and output, built from the catalogue
 * alone, as {@code GET /v1/capabilities} and the MCP tools give them to agents. Stateless.
 */
public final class JsonSchemas {

    /** The dialect every schema here is written in. */
    public static final String DIALECT = "https://json-schema.org/draft/2020-12/schema";

    private JsonSchemas() {}

    /** The schema a plan's {@code params} must satisfy. */
    public static Map<String, Object> params(Capability capability) {
        Map<String, Object> schema = new LinkedHashMap<>();
        schema.put("$schema", DIALECT);
        schema.put("title", capability.intent() + " parameters");
        schema.putAll(object(capability.params()));
        if (!capability.exclusive().isEmpty()) {
            List<Object> rules = new ArrayList<>();
            for (List<String> group : capability.exclusive()) {
                for (int i = 0; i < group.size(); i++) {
                    for (int j = i + 1; j < group.size(); j++) {
                        rules.add(Map.of("not", Map.of("required", List.of(group.get(i), group.get(j)))));
                    }
                }
            }
            schema.put("allOf", rules);
        }
        return schema;
    }

    /** The schema of what {@code execution.output} holds when the capability succeeds. */
    public static Map<String, Object> output(Capability capability) {
        Map<String, Object> properties = new LinkedHashMap<>();
        for (OutputField field : capability.output()) {
            Map<String, Object> property = new LinkedHashMap<>();
            property.put("type", field.type());
            property.put(
                    "description",
                    field.description() + (field.sensitive() ? " (sensitive: kept only as a digest)" : ""));
            properties.put(field.name(), property);
        }
        Map<String, Object> schema = new LinkedHashMap<>();
        schema.put("$schema", DIALECT);
        schema.put("title", capability.intent() + " output");
        schema.put("type", "object");
        schema.put("properties", properties);
        return schema;
    }

    /** An object schema whose properties are {@code params}; nothing else is allowed. */
    static Map<String, Object> object(List<Param> params) {
        Map<String, Object> properties = new LinkedHashMap<>();
        for (Param param : params) {
            Map<String, Object> property = new LinkedHashMap<>(param.type().schema());
            property.put(
                    "description",
                    param.description() + (param.sensitive() ? " (sensitive: kept only as a digest)" : ""));
            if (param.defaultValue() != null) {
                property.put("default", param.defaultValue());
            }
            if (param.required() && param.type() instanceof ParamType.Text text && !text.blankAllowed()) {
                property.put("pattern", "\\S");
            }
            properties.put(param.name(), property);
        }
        Map<String, Object> schema = new LinkedHashMap<>();
        schema.put("type", "object");
        schema.put("properties", properties);
        schema.put(
                "required",
                params.stream().filter(Param::required).map(Param::name).toList());
        schema.put("additionalProperties", false);
        return schema;
    }
}
