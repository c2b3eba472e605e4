package dev.handrail.audit.redaction;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.handrail.audit.Lifecycles;
import dev.handrail.contracts.action.ActionIds;
import dev.handrail.contracts.action.Execution;
import dev.handrail.contracts.message.ActionSucceeded;
import dev.handrail.contracts.message.Envelope;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RedactorTest {

    private final Redactor redactor = Redactor.redacting();

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"keyboard.type, text", "clipboard.write, text", "file.write, content"})
    void redactsTheSensitiveParameterOfAPlan(String intent, String param) {
        Envelope planned = Lifecycles.planned(ActionIds.next(), intent, Map.of(param, "pässword", "path", "a.txt"));

        JsonNode params = redactor.redact(planned).data().get("params");

        assertThat(params.get(param).get("redacted").asBoolean()).isTrue();
        assertThat(params.get(param).get("length").asInt()).isEqualTo(9);
        assertThat(params.get(param).get("sha256").asText()).hasSize(64);
        assertThat(params.get("path").asText()).isEqualTo("a.txt");
        assertThat(redactor.redact(planned).toString()).doesNotContain("pässword");
    }

    @Test
    void redactsWhatFileReadReturnedButNotItsPathSizeOrEvidence() {
        Envelope succeeded =
                Lifecycles.fileRead(ActionIds.next(), "s-1", "secret").getLast();

        JsonNode execution = redactor.redact(succeeded).data().get("execution");

        assertThat(execution.get("output").get("content").get("redacted").asBoolean())
                .isTrue();
        assertThat(execution.get("output").get("content").get("length").asInt()).isEqualTo(6);
        assertThat(execution.get("output").get("path").asText()).isEqualTo("notes.txt");
        assertThat(execution.get("output").get("bytes").asInt()).isEqualTo(5);
        assertThat(execution.get("evidence").get("bytes").asInt()).isEqualTo(5);
        assertThat(execution.get("success").asBoolean()).isTrue();
    }

    @Test
    void redactsTheClipboardTextReadAndABareOutputOfAnOlderNodeWhole() {
        String id = ActionIds.next();
        Envelope clipboard = Envelope.of(
                "/test",
                new ActionSucceeded(
                        id,
                        "clipboard.read",
                        "local",
                        Execution.succeeded(Map.of("text", "copied secret"), 2, 0, Map.of())),
                "agent",
                "s-1");
        Envelope older = Envelope.of(
                "/test",
                new ActionSucceeded(id, "file.read", "local", Execution.succeeded("old secret", 2, 0, Map.of())),
                "agent",
                "s-1");

        JsonNode text =
                redactor.redact(clipboard).data().get("execution").get("output").get("text");
        JsonNode whole = redactor.redact(older).data().get("execution").get("output");

        assertThat(text.get("redacted").asBoolean()).isTrue();
        assertThat(text.get("length").asInt()).isEqualTo(13);
        assertThat(whole.get("redacted").asBoolean()).isTrue();
        assertThat(redactor.redact(older).toString()).doesNotContain("old secret");
    }

    @Test
    void leavesOtherCapabilitiesAndEventsAsTheyAre() {
        List<Envelope> lifecycle = Lifecycles.succeeded(ActionIds.next(), "s-1").subList(0, 4);
        Envelope shell = Lifecycles.planned(ActionIds.next(), "shell.run", Map.of("command", "echo hi"));

        lifecycle.forEach(e -> assertThat(redactor.redact(e)).isSameAs(e));
        assertThat(redactor.redact(shell)).isSameAs(shell);
    }

    @Test
    void redactingTwiceChangesNothing() {
        Envelope planned = Lifecycles.planned(ActionIds.next(), "clipboard.write", Map.of("text", "copied"));
        Envelope once = redactor.redact(planned);

        assertThat(redactor.redact(once)).isSameAs(once);
    }

    @Test
    void markerDigestIsSha256OfTheUtf8Text() {
        JsonNode marker = SensitiveValues.marker(com.fasterxml.jackson.databind.node.TextNode.valueOf("abc"));

        assertThat(marker.get("sha256").asText())
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        assertThat(marker.get("length").asInt()).isEqualTo(3);
    }

    @Test
    void disabledRedactorStoresValuesAsTheyCame() {
        RedactionConfig off = new RedactionConfig();
        off.setEnabled(false);
        Envelope planned = Lifecycles.planned(ActionIds.next(), "keyboard.type", Map.of("text", "visible"));

        assertThat(new Redactor(off).redact(planned)).isSameAs(planned);
    }
}
