package dev.handrail.health.messaging;

import dev.handrail.bus.Bus;
import dev.handrail.contracts.Subjects;
import dev.handrail.contracts.query.ByIdQuery;
import dev.handrail.contracts.query.ListQuery;
import dev.handrail.contracts.query.Reply;
import dev.handrail.health.breaker.BreakerBoard;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.context.event.StartupEvent;
import jakarta.inject.Singleton;
import java.util.Map;

/** Answers the breaker queries: every breaker, and closing one by name. */
@Singleton
public final class BreakerResponder implements ApplicationEventListener<StartupEvent> {

    private final Bus bus;
    private final BreakerBoard breakers;

    public BreakerResponder(Bus bus, BreakerBoard breakers) {
        this.bus = bus;
        this.breakers = breakers;
    }

    @Override
    public void onApplicationEvent(StartupEvent event) {
        bus.respond(Subjects.QUERY_BREAKERS, Subjects.QUEUE_HEALTH, ListQuery.class,
                query -> Reply.ok(Map.of("breakers", breakers.all())));
        bus.respond(Subjects.QUERY_BREAKER_RESET, Subjects.QUEUE_HEALTH, ByIdQuery.class, this::reset);
    }

    Reply reset(ByIdQuery query) {
        String name = query.id();
        if (name == null || name.isBlank()) {
            return Reply.error("BAD_QUERY", "A breaker reset needs the breaker's name");
        }
        return breakers.reset(name)
                .map(view -> Reply.ok(Map.of("name", name, "state", view.state())))
                .orElseGet(() -> Reply.error("NOT_FOUND", "No breaker named " + name));
    }
}
