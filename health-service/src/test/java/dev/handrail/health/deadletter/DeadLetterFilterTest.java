package dev.handrail.health.deadletter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.Map;
import org.junit.jupiter.api.Test;

class DeadLetterFilterTest {

    @Test
    void clampsTheLimitAndDefaultsZeroToFifty() {
        assertThat(DeadLetterFilter.of(Map.of(), 0).limit()).isEqualTo(50);
        assertThat(DeadLetterFilter.of(Map.of(), 7).limit()).isEqualTo(7);
        assertThat(DeadLetterFilter.of(Map.of(), 10_000).limit()).isEqualTo(500);
        assertThat(DeadLetterFilter.of(Map.of(), -3).limit()).isEqualTo(1);
    }

    @Test
    void readsTheThreeFiltersAndTreatsBlankAsAbsent() {
        DeadLetterFilter filter =
                DeadLetterFilter.of(Map.of("intent", "shell.run", "node", " ", "error_code", "TIMEOUT"), 10);

        assertThat(filter.intent()).isEqualTo("shell.run");
        assertThat(filter.node()).isNull();
        assertThat(filter.errorCode()).isEqualTo("TIMEOUT");
    }

    @Test
    void refusesAnUnknownFilterByName() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> DeadLetterFilter.of(Map.of("state", "failed"), 10))
                .withMessageContaining("[state]")
                .withMessageContaining("error_code");
    }
}
