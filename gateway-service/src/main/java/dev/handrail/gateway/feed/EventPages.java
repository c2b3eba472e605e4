package dev.handrail.gateway.feed;

import dev.handrail.contracts.Subjects;
import dev.handrail.contracts.query.EventPage;
import dev.handrail.contracts.query.EventQuery;
import dev.handrail.gateway.action.ActionBus;
import dev.handrail.gateway.web.ApiException;
import jakarta.inject.Singleton;
import java.util.concurrent.CompletableFuture;

/** Reads pages of stored events from the audit store ({@link Subjects#QUERY_EVENTS}). Stateless. */
@Singleton
public class EventPages {

    private final ActionBus bus;

    public EventPages(ActionBus bus) {
        this.bus = bus;
    }

    /** The page the query asks for; fails when the store does not answer or refuses the query. */
    public CompletableFuture<EventPage> page(EventQuery query) {
        return bus.ask(Subjects.QUERY_EVENTS, query).thenApply(reply -> {
            if (!reply.ok()) {
                throw ApiException.upstreamFailed(reply.error());
            }
            return reply.data(EventPage.class);
        });
    }
}
