package dev.handrail.health.messaging;

import dev.handrail.bus.Bus;
import dev.handrail.contracts.message.IncidentChanged;
import dev.handrail.health.incident.Incident;
import dev.handrail.health.incident.IncidentPublisher;
import jakarta.inject.Singleton;
import java.util.concurrent.CompletionStage;

/** Publishes incident changes as {@code IncidentChanged} on {@code handrail.v1.events.incident.<opened|closed>}, id {@code <incident>.<change>}. */
@Singleton
public final class BusIncidentPublisher implements IncidentPublisher {

    private final Bus bus;

    public BusIncidentPublisher(Bus bus) {
        this.bus = bus;
    }

    @Override
    public CompletionStage<?> publish(Incident incident) {
        String change = Incident.OPEN.equals(incident.state()) ? "opened" : "closed";
        IncidentChanged event = new IncidentChanged(
                incident.id(),
                incident.key(),
                incident.kind(),
                change,
                incident.title(),
                incident.openedAt(),
                incident.closedAt());
        return bus.publish(
                event.natsSubject(),
                Envelopes.withId(
                        incident.id() + "." + change,
                        bus.source(),
                        event,
                        BusBreakerEventPublisher.PRINCIPAL,
                        null,
                        null));
    }
}
