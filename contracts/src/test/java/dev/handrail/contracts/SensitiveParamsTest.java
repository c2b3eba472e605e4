package dev.handrail.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.handrail.contracts.capability.Capability;
import dev.handrail.contracts.capability.CapabilityCatalogue;
import dev.handrail.contracts.capability.Param;
import dev.handrail.contracts.capability.ParamType;
import dev.handrail.contracts.capability.SensitiveParams;
import dev.handrail.contracts.message.ContentHash;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.assertj.core.groups.Tuple;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

class SensitiveParamsTest {

    @Test
    void theCatalogueDeclaresTypedTextClipboardTextAndFileContentSensitive() {
        assertThat(CapabilityCatalogue.all())
                .filteredOn(c -> !c.sensitiveParams().isEmpty())
                .extracting(Capability::intent, Capability::sensitiveParams)
                .containsExactly(
                        Tuple.tuple("file.write", Set.of("content")),
                        Tuple.tuple("keyboard.type", Set.of("text")),
                        Tuple.tuple("clipboard.write", Set.of("text")));
    }

    @Test
    void aSensitiveParameterMustBeText() {
        assertThatThrownBy(() -> Param.optional("delay", new ParamType.Whole(0, 9), "A pause")
                        .asSensitive())
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void atRestReplacesEachSensitiveValueByTheDigestOfItsUtf8Bytes() {
        Map<String, Object> params = params("path", "/tmp/a.txt", "content", "héllo");

        Map<String, Object> atRest = SensitiveParams.atRest("file.write", params);

        assertThat(atRest).containsEntry("path", "/tmp/a.txt");
        assertThat(atRest.get("content"))
                .isEqualTo(Map.of(
                        "redacted",
                        true,
                        "sha256",
                        "3c48591d8d098a4538f5e013dfcf406e948eac4d3277b10bf614e295d6068179",
                        "length",
                        6));
        assertThat(atRest.keySet()).containsExactly("path", "content");
        assertThat(params.get("content")).isEqualTo("héllo");
    }

    @Test
    void atRestLeavesOtherCapabilitiesNullsAndDigestsAlone() {
        Map<String, Object> command = params("command", "echo secret");
        assertThat(SensitiveParams.atRest("shell.run", command)).isSameAs(command);
        Map<String, Object> empty = params("text", null);
        assertThat(SensitiveParams.atRest("keyboard.type", empty)).isSameAs(empty);
        Map<String, Object> once = SensitiveParams.atRest("keyboard.type", params("text", "abc", "delay_ms", 5));
        assertThat(SensitiveParams.atRest("keyboard.type", once)).isEqualTo(once);
        assertThat(SensitiveParams.atRest("unknown.intent", params("text", "abc")))
                .containsEntry("text", "abc");
    }

    @Test
    void restoringTheInputsGivesBackTheParamsAndTheirContentHash() {
        Map<String, Object> params = params("text", "pa55word", "delay_ms", 10);
        Map<String, Object> atRest = SensitiveParams.atRest("keyboard.type", params);
        Map<String, Object> inputs = SensitiveParams.inputs("keyboard.type", params);

        assertThat(inputs).containsExactly(Map.entry("text", "pa55word"));
        assertThat(SensitiveParams.holdsDigest("keyboard.type", atRest)).isTrue();
        Map<String, Object> restored = SensitiveParams.restore(atRest, inputs);
        assertThat(restored).isEqualTo(params);
        assertThat(SensitiveParams.holdsDigest("keyboard.type", restored)).isFalse();
        assertThat(ContentHash.of("keyboard.type", restored, "n1"))
                .isEqualTo(ContentHash.of("keyboard.type", params, "n1"));
        assertThat(SensitiveParams.restore(atRest, Map.of())).isSameAs(atRest);
    }

    @Test
    void onlyAMarkedObjectWithADigestIsADigest() {
        assertThat(SensitiveParams.isDigest(Map.of("redacted", true, "sha256", "ab", "length", 2)))
                .isTrue();
        assertThat(SensitiveParams.isDigest(Map.of("redacted", false, "sha256", "ab")))
                .isFalse();
        assertThat(SensitiveParams.isDigest(Map.of("redacted", true))).isFalse();
        assertThat(SensitiveParams.isDigest("sha256:ab")).isFalse();
        assertThat(SensitiveParams.holdsDigest("keyboard.type", null)).isFalse();
        assertThat(SensitiveParams.holdsDigest("app.launch", Map.of("args", Map.of("redacted", true, "sha256", "ab"))))
                .isFalse();
    }

    private static Map<String, Object> params(@Nullable Object... pairs) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put((String) pairs[i], pairs[i + 1]);
        }
        return map;
    }

    @Test
    void aMessagesDataTakesItsAtRestFormAsANewNode() throws Exception {
        var data = dev.handrail.contracts.json.Json.mapper()
                .readTree("{\"intent\":\"clipboard.write\",\"params\":{\"text\":\"héllo\"}}");

        var atRest = SensitiveParams.atRest(data);

        assertThat(atRest.path("params").path("text").path("sha256").asText())
                .isEqualTo("3c48591d8d098a4538f5e013dfcf406e948eac4d3277b10bf614e295d6068179");
        assertThat(atRest.path("params").path("text").path("length").asInt()).isEqualTo(6);
        assertThat(data.path("params").path("text").asText()).isEqualTo("héllo");
        assertThat(SensitiveParams.atRest(atRest)).isSameAs(atRest);
        var other = dev.handrail.contracts.json.Json.mapper()
                .readTree("{\"intent\":\"shell.run\",\"params\":{\"command\":\"x\"}}");
        assertThat(SensitiveParams.atRest(other)).isSameAs(other);
    }
}
