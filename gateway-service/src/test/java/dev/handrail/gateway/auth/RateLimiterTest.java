package dev.handrail.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.bucket4j.TimeMeter;
import java.time.Duration;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RateLimiterTest {

    private final AtomicLong nanos = new AtomicLong();
    private final RateLimiter limiter = new RateLimiter(5, 5, new TimeMeter() {
        @Override
        public long currentTimeNanos() {
            return nanos.get();
        }

        @Override
        public boolean isWallClockBased() {
            return false;
        }
    });

    @Test
    void aBurstPassesAndTheNextRequestWaitsForTheRefill() {
        for (int i = 0; i < 5; i++) {
            assertThat(limiter.tryAcquire("hasty"))
                    .as("request %d of the burst", i + 1)
                    .isEmpty();
        }

        assertThat(limiter.tryAcquire("hasty")).isEqualTo(OptionalLong.of(1));
    }

    @Test
    void tokensComeBackAtTheConfiguredRate() {
        for (int i = 0; i < 5; i++) {
            limiter.tryAcquire("hasty");
        }
        nanos.addAndGet(Duration.ofMillis(400).toNanos());

        assertThat(limiter.tryAcquire("hasty")).isEmpty();
        assertThat(limiter.tryAcquire("hasty")).isEmpty();
        assertThat(limiter.tryAcquire("hasty")).isPresent();
    }

    @Test
    void oneHastyPrincipalDoesNotSlowAnother() {
        for (int i = 0; i < 6; i++) {
            limiter.tryAcquire("hasty");
        }

        assertThat(limiter.tryAcquire("calm")).isEmpty();
    }
}
