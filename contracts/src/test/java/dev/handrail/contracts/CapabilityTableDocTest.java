package dev.handrail.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.handrail.contracts.capability.Capability;
import dev.handrail.contracts.capability.CapabilityCatalogue;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** docs/capabilities.md lists exactly the catalogue, row for row. */
class CapabilityTableDocTest {

    @Test
    void theDocsTableIsTheCatalogue() throws IOException {
        List<String> documented = Files.readAllLines(Path.of("..", "docs", "capabilities.md")).stream()
                .filter(line -> line.startsWith("| ") && !line.startsWith("| intent")).toList();

        assertThat(documented).containsExactlyElementsOf(CapabilityCatalogue.all().stream().map(CapabilityTableDocTest::row).toList());
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
