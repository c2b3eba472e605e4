package dev.handrail.health.messaging;

import dev.handrail.bus.Bus;
import dev.handrail.contracts.Subjects;
import dev.handrail.contracts.error.ErrorCode;
import dev.handrail.contracts.query.ByIdQuery;
import dev.handrail.contracts.query.ListQuery;
import dev.handrail.contracts.query.Reply;
import dev.handrail.health.breaker.BreakerBoard;
import dev.handrail.health.leader.LeaderDuty;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Map;

/**
 * Answers the breaker queries, every breaker and closing one by name, on the leader only (the
 * board is the leader's): answered from when this instance is elected until it is not leader any
 * more. Thread-safe: the board is; answers run on the bus's virtual threads.
 */
@Singleton
public final class BreakerResponder implements LeaderDuty {

    private final Bus bus;
    private final BreakerBoard breakers;
    private volatile List<Bus.Answering> answering = List.of();

    public BreakerResponder(Bus bus, BreakerBoard breakers) {
        this.bus = bus;
        this.breakers = breakers;
    }

    @Override
    public int order() {
        return 20;
    }

    @Override
    public void onElected() {
        answering = List.of(
                bus.respond(
                        Subjects.QUERY_BREAKERS,
                        Subjects.QUEUE_HEALTH,
                        ListQuery.class,
                        query -> Reply.ok(Map.of("breakers", breakers.all()))),
                bus.respond(Subjects.QUERY_BREAKER_RESET, Subjects.QUEUE_HEALTH, ByIdQuery.class, this::reset));
    }

    @Override
    public void onRevoked() {
        List<Bus.Answering> stopping = answering;
        answering = List.of();
        stopping.forEach(Bus.Answering::close);
    }

    Reply reset(ByIdQuery query) {
        String name = query.id();
        if (name == null || name.isBlank()) {
            return Reply.error(ErrorCode.BAD_QUERY, "A breaker reset needs the breaker's name");
        }
        return breakers.reset(name)
                .map(view -> Reply.ok(Map.of("name", name, "state", view.state())))
                .orElseGet(() -> Reply.error(ErrorCode.NOT_FOUND, "No breaker named " + name));
    }
}
