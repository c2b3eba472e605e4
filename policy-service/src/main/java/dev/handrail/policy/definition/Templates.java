package dev.handrail.policy.definition;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.handrail.contracts.json.Json;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code {{name}}} placeholders of an action definition's parameter templates: finding them,
 * and filling them with a run's arguments. A text that is one placeholder and nothing else takes
 * the argument's own JSON type (an integer stays an integer); a placeholder inside a longer text
 * is replaced by the argument's text. Pure and thread-safe.
 */
final class Templates {

    /** A placeholder: a name of letters, digits and underscores, spaces inside the braces allowed. */
    static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([A-Za-z_][A-Za-z0-9_]{0,63})\\s*}}");

    private Templates() {}

    /** Every placeholder name in the texts of {@code template}, however deep. */
    static Set<String> placeholders(JsonNode template) {
        Set<String> names = new LinkedHashSet<>();
        collect(template, names);
        return names;
    }

    private static void collect(JsonNode node, Set<String> names) {
        if (node.isTextual()) {
            Matcher m = PLACEHOLDER.matcher(node.asText());
            while (m.find()) {
                names.add(m.group(1));
            }
        } else if (node.isContainerNode()) {
            node.forEach(child -> collect(child, names));
        }
    }

    /** {@code template} with every placeholder replaced by its value in {@code arguments} (every one must be there). */
    static JsonNode render(JsonNode template, Map<String, JsonNode> arguments) {
        if (template.isTextual()) {
            return renderText(template.asText(), arguments);
        }
        if (template.isObject()) {
            ObjectNode rendered = Json.mapper().createObjectNode();
            template.properties().forEach(e -> rendered.set(e.getKey(), render(e.getValue(), arguments)));
            return rendered;
        }
        if (template.isArray()) {
            ArrayNode rendered = Json.mapper().createArrayNode();
            template.forEach(child -> rendered.add(render(child, arguments)));
            return rendered;
        }
        return template;
    }

    private static JsonNode renderText(String text, Map<String, JsonNode> arguments) {
        Matcher whole = PLACEHOLDER.matcher(text);
        if (whole.matches()) {
            return arguments.get(whole.group(1));
        }
        Matcher m = PLACEHOLDER.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            JsonNode value = arguments.get(m.group(1));
            m.appendReplacement(out, Matcher.quoteReplacement(value.isTextual() ? value.asText() : value.toString()));
        }
        m.appendTail(out);
        return Json.mapper().getNodeFactory().textNode(out.toString());
    }
}
