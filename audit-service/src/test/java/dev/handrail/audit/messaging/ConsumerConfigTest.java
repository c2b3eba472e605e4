package dev.handrail.audit.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The audit consumer's settings: progress is signalled well within the ack wait, and nothing unworkable is taken. */
class ConsumerConfigTest {

    @Test
    void waitingEventsSignalProgressEveryThirdOfTheAckWait() {
        ConsumerConfig config = new ConsumerConfig();
        config.setAckWait(Duration.ofSeconds(5));

        assertThat(config.progressEvery()).isEqualTo(Duration.ofMillis(1666).plusNanos(666_666));
    }

    @Test
    void refusesAnAckWaitTooShortToSignalProgressInAndEmptyBounds() {
        ConsumerConfig config = new ConsumerConfig();

        assertThatThrownBy(() -> config.setAckWait(Duration.ofMillis(500))).hasMessageContaining("ack-wait");
        assertThatThrownBy(() -> config.setMaxAckPending(0)).hasMessageContaining("max-ack-pending");
        assertThatThrownBy(() -> config.setFetchSize(0)).hasMessageContaining("fetch-size");
    }
}
