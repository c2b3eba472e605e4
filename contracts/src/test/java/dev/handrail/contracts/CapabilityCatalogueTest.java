package dev.handrail.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.handrail.contracts.capability.Capability;
import dev.handrail.contracts.capability.CapabilityCatalogue;
import dev.handrail.contracts.capability.RiskLevel;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CapabilityCatalogueTest {

    @Test
    void holdsTheFourteenCapabilitiesOfTheDesign() {
        assertThat(CapabilityCatalogue.all())
                .extracting(Capability::intent)
                .containsExactly(
                        "file.read",
                        "file.write",
                        "shell.run",
                        "browser.open",
                        "app.launch",
                        "app.close",
                        "window.focus",
                        "window.list",
                        "keyboard.type",
                        "keyboard.hotkey",
                        "mouse.click",
                        "clipboard.read",
                        "clipboard.write",
                        "screen.capture");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "file.read|safe|false|path|", "file.write|medium|true|path,content|",
                        "shell.run|medium|true|command|cwd",
                "browser.open|low|true|url|", "app.launch|medium|true|target|args,working_dir",
                        "app.close|high|true|target|force",
                "window.focus|safe|false|title|", "window.list|safe|false||", "keyboard.type|high|true|text|delay_ms",
                "keyboard.hotkey|high|true|keys|", "mouse.click|high|true|x,y|button,clicks",
                        "clipboard.read|safe|false||",
                "clipboard.write|low|false|text|", "screen.capture|medium|true||region,window,monitor"
            })
    void matchesTheDesignTable(String intent, String risk, boolean approval, String required, String optional) {
        Capability c = CapabilityCatalogue.find(intent).orElseThrow();
        assertThat(c.riskLevel()).isEqualTo(RiskLevel.valueOf(risk.toUpperCase(Locale.ROOT)));
        assertThat(c.requiresApproval()).isEqualTo(approval);
        assertThat(c.requiredParams()).isEqualTo(split(required));
        assertThat(c.optionalParams()).isEqualTo(split(optional));
        assertThat(c.minTimeoutMs()).isLessThanOrEqualTo(c.defaultTimeoutMs());
        assertThat(c.defaultTimeoutMs()).isLessThanOrEqualTo(c.maxTimeoutMs());
    }

    @Test
    void unknownIntentsAreNotFound() {
        assertThat(CapabilityCatalogue.find("file.delete")).isEmpty();
        assertThat(CapabilityCatalogue.find(null)).isEmpty();
    }

    @Test
    void userTextNeverBecomesASubjectToken() {
        assertThat(Subjects.actionEvent("rejected", "a.>.b")).isEqualTo("handrail.v1.events.action.rejected.unknown");
        assertThat(Subjects.actionEvent("succeeded", "file.read"))
                .isEqualTo("handrail.v1.events.action.succeeded.file.read");
    }

    private static List<String> split(String csv) {
        return csv == null || csv.isBlank() ? List.of() : List.of(csv.split(","));
    }
}
