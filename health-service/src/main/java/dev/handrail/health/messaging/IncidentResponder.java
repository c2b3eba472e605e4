package dev.handrail.health.messaging;

import dev.handrail.bus.Bus;
import dev.handrail.contracts.Subjects;
import dev.handrail.contracts.error.ErrorCode;
import dev.handrail.contracts.query.ByIdQuery;
import dev.handrail.contracts.query.ListQuery;
import dev.handrail.contracts.query.Reply;
import dev.handrail.health.incident.IncidentFilter;
import dev.handrail.health.incident.IncidentStore;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.context.event.StartupEvent;
import jakarta.inject.Singleton;

/** Answers the incident queries, a filtered page and one by id, from PostgreSQL (on every instance). */
@Singleton
public final class IncidentResponder implements ApplicationEventListener<StartupEvent> {

    private final Bus bus;
    private final IncidentStore incidents;

    public IncidentResponder(Bus bus, IncidentStore incidents) {
        this.bus = bus;
        this.incidents = incidents;
    }

    @Override
    public void onApplicationEvent(StartupEvent event) {
        bus.respond(Subjects.QUERY_INCIDENTS, Subjects.QUEUE_HEALTH, ListQuery.class, this::list);
        bus.respond(Subjects.QUERY_INCIDENT, Subjects.QUEUE_HEALTH, ByIdQuery.class, this::one);
    }

    Reply list(ListQuery query) {
        IncidentFilter filter;
        try {
            filter = IncidentFilter.of(query.filters(), query.limit());
        } catch (IllegalArgumentException e) {
            return Reply.error(ErrorCode.BAD_QUERY, e.getMessage());
        }
        return Reply.ok(incidents.list(filter));
    }

    Reply one(ByIdQuery query) {
        if (query.id() == null || query.id().isBlank()) {
            return Reply.error(ErrorCode.BAD_QUERY, "An incident query needs the incident's id");
        }
        return incidents
                .find(query.id())
                .map(Reply::ok)
                .orElseGet(() -> Reply.error(ErrorCode.NOT_FOUND, "No incident with id " + query.id()));
    }
}
