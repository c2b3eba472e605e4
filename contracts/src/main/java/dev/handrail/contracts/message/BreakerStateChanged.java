package dev.handrail.contracts.message;

import dev.handrail.contracts.Subjects;
import java.time.Instant;

/**
 * A circuit breaker moved: {@code name} is {@code node:<id>} or {@code node:<id>:<intent>};
 * states are {@code closed | open | half_open}. While a breaker is open, policy refuses actions
 * routed to it with {@code circuit_open}.
 */
public record BreakerStateChanged(
        String name, String node, String intent, String state, String previousState, Instant at)
        implements ControlEvent {

    @Override
    public String subject() {
        return name;
    }

    @Override
    public String natsSubject() {
        return Subjects.breakerEvent(state, node);
    }
}
