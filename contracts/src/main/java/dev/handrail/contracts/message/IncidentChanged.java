package dev.handrail.contracts.message;

import dev.handrail.contracts.Subjects;
import java.time.Instant;

/**
 * An incident was opened or closed. {@code key} names its cause ({@code breaker:<name>},
 * {@code node:<id>}, {@code dead_letters}), so one cause has at most one open incident;
 * {@code kind} is {@code breaker | node | dead_letters}; {@code state} is {@code opened | closed}.
 */
public record IncidentChanged(
        String incidentId, String key, String kind, String state, String title, Instant openedAt, Instant closedAt)
        implements ControlEvent {

    @Override
    public String subject() {
        return incidentId;
    }

    @Override
    public String natsSubject() {
        return Subjects.incidentEvent(state);
    }
}
