package dev.handrail.health.messaging;

import dev.handrail.contracts.Subjects;
import dev.handrail.contracts.json.Json;
import dev.handrail.contracts.query.ByIdQuery;
import dev.handrail.contracts.query.ListQuery;
import dev.handrail.contracts.query.Reply;
import dev.handrail.health.breaker.BreakerBoard;
import dev.handrail.health.leader.LeaderDuty;
import io.nats.client.Connection;
import io.nats.client.Dispatcher;
import io.nats.client.Message;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers the breaker queries, every breaker and closing one by name, on the leader only (the
 * board is the leader's): subscribed when this instance is elected, on a dispatcher of its own
 * that is closed when it is not leader any more. Thread-safe: the board is; answers run on
 * virtual threads.
 */
@Singleton
public final class BreakerResponder implements LeaderDuty {

    private static final Logger LOG = LoggerFactory.getLogger(BreakerResponder.class);

    private final Connection connection;
    private final BreakerBoard breakers;
    private final ExecutorService blocking = Executors.newVirtualThreadPerTaskExecutor();
    private volatile Dispatcher dispatcher;

    public BreakerResponder(Connection connection, BreakerBoard breakers) {
        this.connection = connection;
        this.breakers = breakers;
    }

    @Override
    public int order() {
        return 20;
    }

    @Override
    public void onElected() {
        Dispatcher d = connection.createDispatcher();
        d.subscribe(Subjects.QUERY_BREAKERS, Subjects.QUEUE_HEALTH, m -> answer(m, ListQuery.class,
                query -> Reply.ok(Map.of("breakers", breakers.all()))));
        d.subscribe(Subjects.QUERY_BREAKER_RESET, Subjects.QUEUE_HEALTH, m -> answer(m, ByIdQuery.class, this::reset));
        dispatcher = d;
    }

    @Override
    public void onRevoked() {
        Dispatcher d = dispatcher;
        dispatcher = null;
        if (d != null) {
            connection.closeDispatcher(d);
        }
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

    private <Q> void answer(Message message, Class<Q> type, Function<Q, Reply> handler) {
        blocking.execute(() -> {
            Reply reply;
            try {
                reply = handler.apply(Json.read(message.getData(), type));
            } catch (Json.JsonException e) {
                reply = Reply.error("BAD_QUERY", e.getMessage());
            } catch (RuntimeException e) {
                LOG.error("Query on {} failed", message.getSubject(), e);
                reply = Reply.error("INTERNAL", "The query failed: " + e.getMessage());
            }
            if (message.getReplyTo() != null) {
                connection.publish(message.getReplyTo(), Json.bytes(reply));
            }
        });
    }

    @PreDestroy
    void stop() {
        blocking.shutdown();
    }
}
