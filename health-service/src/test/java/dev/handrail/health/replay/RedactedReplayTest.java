package dev.handrail.health.replay;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class RedactedReplayTest {

    @Test
    void aRequestHoldingARedactionMarkerIsNotReplayable() {
        Map<String, Object> marker = Map.of("redacted", true, "sha256", "ab", "length", 5);

        assertThat(ReplayService.isRedacted(Map.of("path", "a.txt", "content", marker))).isTrue();
        assertThat(ReplayService.isRedacted(Map.of("path", "a.txt", "content", "plain"))).isFalse();
        assertThat(ReplayService.isRedacted(Map.of("text", Map.of("redacted", false)))).isFalse();
        assertThat(ReplayService.isRedacted(null)).isFalse();
    }
}
