package dev.handrail.audit.messaging;

import dev.handrail.audit.query.ActionQueries;
import dev.handrail.audit.query.TrailQueries;
import dev.handrail.bus.Bus;
import dev.handrail.contracts.Subjects;
import dev.handrail.contracts.error.ErrorCode;
import dev.handrail.contracts.query.ActionListQuery;
import dev.handrail.contracts.query.ByIdQuery;
import dev.handrail.contracts.query.ListQuery;
import dev.handrail.contracts.query.Reply;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.context.event.StartupEvent;
import jakarta.inject.Singleton;
import java.util.TreeSet;

/**
 * Answers the audit queries (action, actions, trail, trails) in the queue group
 * {@link Subjects#QUEUE_AUDIT}, so any audit instance can answer. Registered at start-up;
 * stateless (the bus runs each request on its own virtual thread).
 */
@Singleton
public class QueryResponders implements ApplicationEventListener<StartupEvent> {

    private final Bus bus;
    private final ActionQueries actions;
    private final TrailQueries trails;

    public QueryResponders(Bus bus, ActionQueries actions, TrailQueries trails) {
        this.bus = bus;
        this.actions = actions;
        this.trails = trails;
    }

    @Override
    public void onApplicationEvent(StartupEvent event) {
        bus.respond(Subjects.QUERY_ACTION, Subjects.QUEUE_AUDIT, ByIdQuery.class, this::action);
        bus.respond(
                Subjects.QUERY_ACTIONS, Subjects.QUEUE_AUDIT, ActionListQuery.class, q -> Reply.ok(actions.list(q)));
        bus.respond(Subjects.QUERY_TRAIL, Subjects.QUEUE_AUDIT, ByIdQuery.class, this::trail);
        bus.respond(Subjects.QUERY_TRAILS, Subjects.QUEUE_AUDIT, ListQuery.class, this::trails);
    }

    Reply action(ByIdQuery query) {
        return actions.find(query.id()).map(Reply::ok).orElseGet(() -> notFound(query));
    }

    Reply trail(ByIdQuery query) {
        return trails.trail(query.id()).map(Reply::ok).orElseGet(() -> notFound(query));
    }

    Reply trails(ListQuery query) {
        TreeSet<String> unknown = new TreeSet<>(query.filters().keySet());
        unknown.removeAll(TrailQueries.FILTERS);
        if (!unknown.isEmpty()) {
            return Reply.error(
                    ErrorCode.BAD_QUERY,
                    "Unknown trail filter " + unknown + "; use any of " + new TreeSet<>(TrailQueries.FILTERS));
        }
        return Reply.ok(trails.list(query));
    }

    private static Reply notFound(ByIdQuery query) {
        return Reply.error(ErrorCode.NOT_FOUND, "No action with id " + query.id());
    }
}
