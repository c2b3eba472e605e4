package dev.handrail.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.handrail.contracts.capability.Capability;
import dev.handrail.contracts.capability.CapabilityCatalogue;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** docs/capabilities.md lists exactly the catalogue, row for row. */
class CapabilityTableDocTest {

    @Test
    void theDocsTableIsTheCatalogue() throws IOException {
        List<String> documented = rows(tables().get(0));

        assertThat(documented).containsExactlyElementsOf(CapabilityCatalogue.all().stream().map(CapabilityTableDocTest::row).toList());
    }

    @Test
    void theOutputsTableNamesEveryCapabilityOnceInCatalogueOrder() throws IOException {
        List<String> intents = rows(tables().get(1)).stream().map(line -> line.split("\\|")[1].trim()).toList();

        assertThat(intents).containsExactlyElementsOf(CapabilityCatalogue.all().stream().map(Capability::intent).toList());
    }

    /** The tables of docs/capabilities.md in order, each as its lines. */
    private static List<List<String>> tables() throws IOException {
        List<List<String>> tables = new ArrayList<>();
        List<String> current = null;
        for (String line : Files.readAllLines(Path.of("..", "docs", "capabilities.md"))) {
            if (!line.startsWith("|")) {
                current = null;
            } else if (current == null) {
                current = new ArrayList<>(List.of(line));
                tables.add(current);
            } else {
                current.add(line);
            }
        }
        return tables;
    }

    /** A table's rows without its header and separator. */
    private static List<String> rows(List<String> table) {
        return table.subList(2, table.size());
    }

    private static String row(Capability c) {
        return "| " + String.join(" | ", c.intent(), c.riskLevel().name().toLowerCase(Locale.ROOT), yesNo(c.requiresApproval()),
                String.join(", ", c.requiredParams()), String.join(", ", c.optionalParams()),
                c.defaultTimeoutMs() / 1000 + " s / " + c.maxTimeoutMs() / 1000 + " s", yesNo(c.idempotent()), yesNo(c.desktop()))
                .replaceAll("\\|  (?=\\|)", "| ") + " |";
    }

    private static String yesNo(boolean value) {
        return value ? "yes" : "no";
    }
}
