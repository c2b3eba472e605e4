package dev.handrail.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.handrail.contracts.capability.Capability;
import dev.handrail.contracts.capability.CapabilityCatalogue;
import dev.handrail.contracts.capability.OutputField;
import dev.handrail.contracts.capability.Param;
import dev.handrail.contracts.capability.ParamType;
import dev.handrail.contracts.capability.Tag;
import dev.handrail.contracts.json.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The reference part of docs/capabilities.md (between its two markers) is generated from the
 * catalogue; run with {@code -Dhandrail.writeDocs=true} to rewrite it after changing a capability.
 */
class CapabilityTableDocTest {

    private static final Path DOC = Path.of("..", "docs", "capabilities.md");
    private static final String BEGIN =
            "<!-- generated from CapabilityCatalogue by CapabilityTableDocTest: do not edit below -->";
    private static final String END = "<!-- end of generated part -->";

    @Test
    void theReferenceIsGeneratedFromTheCatalogue() throws IOException {
        String doc = Files.readString(DOC);
        int begin = doc.indexOf(BEGIN);
        int end = doc.indexOf(END);
        assertThat(begin).as("docs/capabilities.md has the markers").isNotNegative();
        assertThat(end).isGreaterThan(begin);
        String expected = doc.substring(0, begin) + BEGIN + "\n\n" + reference() + "\n" + doc.substring(end);
        if (Boolean.getBoolean("handrail.writeDocs")) {
            Files.writeString(DOC, expected);
        }
        assertThat(doc)
                .as("docs/capabilities.md is generated from the catalogue; run this test with "
                        + "-Dhandrail.writeDocs=true to rewrite it")
                .isEqualTo(expected);
    }

    private static String reference() {
        StringBuilder out = new StringBuilder();
        out.append(
                "| intent | risk | needs approval | required params | optional params | default / max timeout | idempotent | tags |\n");
        out.append("|---|---|---|---|---|---|---|---|\n");
        for (Capability c : CapabilityCatalogue.all()) {
            out.append(row(
                    c.intent(),
                    c.riskLevel().wire(),
                    yesNo(c.requiresApproval()),
                    String.join(", ", c.requiredParams()),
                    String.join(", ", c.optionalParams()),
                    c.defaultTimeoutMs() / 1000 + " s / " + c.maxTimeoutMs() / 1000 + " s",
                    yesNo(c.idempotent()),
                    c.tags().stream().map(Tag::wire).collect(Collectors.joining(", "))));
        }
        for (Capability c : CapabilityCatalogue.all()) {
            out.append("\n### ")
                    .append(c.intent())
                    .append("\n\n")
                    .append(c.description())
                    .append("\n\n");
            if (c.params().isEmpty()) {
                out.append("No parameters.\n");
            } else {
                out.append("| parameter | type | required | default | meaning |\n|---|---|---|---|---|\n");
                for (Param p : c.params()) {
                    out.append(row(
                            "`" + p.name() + "`",
                            type(p.type()),
                            yesNo(p.required()),
                            p.defaultValue() == null ? "" : "`" + Json.mapper().valueToTree(p.defaultValue()) + "`",
                            p.description() + (p.sensitive() ? " (sensitive: only a digest is kept)" : "")));
                }
            }
            for (List<String> group : c.exclusive()) {
                out.append("\nGive at most one of ")
                        .append(group.stream().map(n -> "`" + n + "`").collect(Collectors.joining(", ")))
                        .append(".\n");
            }
            if (!c.guards().isEmpty()) {
                out.append("\nPolicy also checks: ")
                        .append(c.guards().stream()
                                .map(g -> "`" + g.wire() + "`")
                                .collect(Collectors.joining(", ")))
                        .append(".\n");
            }
            out.append("\n| output field | type | meaning |\n|---|---|---|\n");
            for (OutputField f : c.output()) {
                out.append(row(
                        "`" + f.name() + "`",
                        f.type(),
                        f.description() + (f.sensitive() ? " (sensitive: only a digest is kept)" : "")));
            }
        }
        return out.toString();
    }

    private static String type(ParamType type) {
        return switch (type) {
            case ParamType.Text text -> "text, at most " + text.maxLength() + " characters";
            case ParamType.Whole whole ->
                whole.min() == Integer.MIN_VALUE ? "whole number" : "whole number " + whole.min() + "–" + whole.max();
            case ParamType.Flag flag -> "true or false";
            case ParamType.Choice choice -> "one of " + String.join(", ", choice.words());
            case ParamType.TextOrTexts texts -> "text, or a list of at most " + texts.maxItems() + " texts";
            case ParamType.Fields fields ->
                "object with "
                        + fields.fields().stream()
                                .map(f -> "`" + f.name() + "` (" + type(f.type()) + (f.required() ? "" : ", optional")
                                        + ")")
                                .collect(Collectors.joining(", "));
        };
    }

    private static String row(String... cells) {
        return "| "
                + List.of(cells).stream().map(cell -> cell.replace("|", "\\|")).collect(Collectors.joining(" | "))
                + " |\n";
    }

    private static String yesNo(boolean value) {
        return value ? "yes" : "no";
    }
}
