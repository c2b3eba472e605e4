package dev.handrail.bus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ReplicasTest {

    @Test
    void oneCopyUnlessConfigured() {
        assertThat(Replicas.parse(null)).isEqualTo(Replicas.ONE);
        assertThat(Replicas.parse(" ")).isEqualTo(Replicas.ONE);
        assertThat(Replicas.parse(" 3 ").count()).isEqualTo(3);
        assertThat(Replicas.parse("5").count()).isEqualTo(5);
    }

    @Test
    void refusesCountsJetStreamCannotKeepWithAMessageThatNamesTheSetting() {
        for (String bad : new String[] {"0", "6", "-1", "three", "3.0"}) {
            assertThatThrownBy(() -> Replicas.parse(bad))
                    .as(bad)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("HANDRAIL_NATS_REPLICAS")
                    .hasMessageContaining("from 1 to 5")
                    .hasMessageContaining("\"" + bad + "\"");
        }
    }
}
