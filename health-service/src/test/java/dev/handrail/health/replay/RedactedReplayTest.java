package dev.handrail.health.replay;

import static org.assertj.core.api.Assertions.assertThat;

import dev.handrail.health.deadletter.OriginalRequest;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RedactedReplayTest {

    @Test
    void aRequestWhoseSensitiveInputIsADigestLacksItsInputs() {
        Map<String, Object> digest = Map.of("redacted", true, "sha256", "ab", "length", 5);
        assertThat(ReplayService.lacksInputs(request("file.write", Map.of("path", "a.txt", "content", digest))))
                .isTrue();
        assertThat(ReplayService.lacksInputs(request("file.write", Map.of("path", "a.txt", "content", "plain"))))
                .isFalse();
        assertThat(ReplayService.lacksInputs(request("keyboard.type", Map.of("text", Map.of("redacted", false)))))
                .isFalse();
        assertThat(ReplayService.lacksInputs(request("shell.run", Map.of("command", digest))))
                .isFalse();
        assertThat(ReplayService.lacksInputs(request("keyboard.type", null))).isFalse();
    }

    @Test
    void aRequestKeptFromACommandHoldsItsSensitiveInputsAsDigests() {
        var command = new dev.handrail.contracts.message.ExecuteCommand(
                "a1", "keyboard.type", Map.of("text", "secret"), "n1", 1000, 0, "h", "s1", "agent");
        assertThat(ReplayService.lacksInputs(OriginalRequest.of(command))).isTrue();
    }

    private static OriginalRequest request(String intent, Map<String, Object> params) {
        return new OriginalRequest(intent, params, "n1", "s1", "agent", null, null);
    }
}
