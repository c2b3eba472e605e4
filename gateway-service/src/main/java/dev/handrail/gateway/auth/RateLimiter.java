package dev.handrail.gateway.auth;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import java.time.Duration;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One token bucket per principal (bucket4j), per gateway instance. Thread-safe: buckets are
 * lock-free and the map is concurrent.
 */
public final class RateLimiter {

    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();
    private final long perSecond;
    private final long burst;
    private final TimeMeter clock;

    public RateLimiter(long perSecond, long burst) {
        this(perSecond, burst, TimeMeter.SYSTEM_NANOTIME);
    }

    /** With the clock given, so a test can move time by hand. */
    RateLimiter(long perSecond, long burst, TimeMeter clock) {
        this.perSecond = perSecond;
        this.burst = Math.max(burst, perSecond);
        this.clock = clock;
    }

    /** Empty when the request may go on; otherwise the seconds to wait before retrying. */
    public OptionalLong tryAcquire(String principal) {
        Bucket bucket = buckets.computeIfAbsent(
                principal,
                p -> Bucket.builder()
                        .withCustomTimePrecision(clock)
                        .addLimit(Bandwidth.builder()
                                .capacity(burst)
                                .refillGreedy(perSecond, Duration.ofSeconds(1))
                                .build())
                        .build());
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
        if (probe.isConsumed()) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(Math.max(1, (probe.getNanosToWaitForRefill() + 999_999_999L) / 1_000_000_000L));
    }
}
