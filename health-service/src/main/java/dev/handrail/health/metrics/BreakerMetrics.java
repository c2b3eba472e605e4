package dev.handrail.health.metrics;

import dev.handrail.health.breaker.BreakerBoard;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Context;
import java.util.List;

/**
 * The breakers as gauges: how many are {@code open}, {@code half_open} and {@code closed} now
 * ({@code handrail.breakers{state}}). Only the leader's board holds them; a standby reports 0 for
 * every state, so take the max across instances.
 */
@Context
public class BreakerMetrics {

    static final List<String> STATES = List.of("open", "half_open", "closed");

    public BreakerMetrics(BreakerBoard board, MeterRegistry registry) {
        for (String state : STATES) {
            Gauge.builder(
                            "handrail.breakers",
                            board,
                            b -> b.all().values().stream()
                                    .filter(v -> v.state().equals(state))
                                    .count())
                    .description("Breakers in each state now (node and node/capability breakers)")
                    .tag("state", state)
                    .register(registry);
        }
    }
}
