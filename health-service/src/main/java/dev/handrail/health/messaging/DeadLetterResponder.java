package dev.handrail.health.messaging;

import dev.handrail.bus.Bus;
import dev.handrail.contracts.Subjects;
import dev.handrail.contracts.error.ErrorCode;
import dev.handrail.contracts.query.ByIdQuery;
import dev.handrail.contracts.query.ListQuery;
import dev.handrail.contracts.query.Reply;
import dev.handrail.health.deadletter.DeadLetterFilter;
import dev.handrail.health.deadletter.DeadLetterService;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.context.event.StartupEvent;
import jakarta.inject.Singleton;

/** Answers the dead letter queries: a filtered page, and one by id. */
@Singleton
public final class DeadLetterResponder implements ApplicationEventListener<StartupEvent> {

    private final Bus bus;
    private final DeadLetterService deadLetters;

    public DeadLetterResponder(Bus bus, DeadLetterService deadLetters) {
        this.bus = bus;
        this.deadLetters = deadLetters;
    }

    @Override
    public void onApplicationEvent(StartupEvent event) {
        bus.respond(Subjects.QUERY_DEAD_LETTERS, Subjects.QUEUE_HEALTH, ListQuery.class, this::list);
        bus.respond(Subjects.QUERY_DEAD_LETTER, Subjects.QUEUE_HEALTH, ByIdQuery.class, this::one);
    }

    Reply list(ListQuery query) {
        DeadLetterFilter filter;
        try {
            filter = DeadLetterFilter.of(query.filters(), query.limit());
        } catch (IllegalArgumentException e) {
            return Reply.error(ErrorCode.BAD_QUERY, e.getMessage());
        }
        return Reply.ok(deadLetters.list(filter));
    }

    Reply one(ByIdQuery query) {
        if (query.id() == null || query.id().isBlank()) {
            return Reply.error(ErrorCode.BAD_QUERY, "A dead letter query needs the dead letter's id");
        }
        return deadLetters
                .find(query.id())
                .map(Reply::ok)
                .orElseGet(() -> Reply.error(ErrorCode.NOT_FOUND, "No dead letter with id " + query.id()));
    }
}
