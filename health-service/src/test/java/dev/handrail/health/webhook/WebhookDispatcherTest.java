package dev.handrail.health.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class WebhookDispatcherTest {

    @Test
    void eachFailedAttemptWaitsTheNextStepOfTheScheduleAndTheLastOneGivesUp() {
        WebhookConfig config = new WebhookConfig();
        config.setRetrySchedule(List.of(Duration.ofSeconds(5), Duration.ofMinutes(1)));
        WebhookDispatcher dispatcher = new WebhookDispatcher(null, null, Clock.systemUTC(), config);
        Instant at = Instant.parse("2026-01-01T00:00:00Z");

        assertThat(dispatcher.retryAt(1, at)).isEqualTo(at.plusSeconds(5));
        assertThat(dispatcher.retryAt(2, at)).isEqualTo(at.plusSeconds(60));
        assertThat(dispatcher.retryAt(3, at)).isNull();
    }

    @Test
    void theDefaultScheduleRetriesForMoreThanAnHour() {
        Duration total = new WebhookConfig().getRetrySchedule().stream().reduce(Duration.ZERO, Duration::plus);

        assertThat(total).isGreaterThan(Duration.ofHours(1));
    }
}
