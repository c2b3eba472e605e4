package dev.handrail.health.messaging;

import dev.handrail.bus.Bus;
import dev.handrail.bus.Delivery;
import dev.handrail.bus.DurableSpec;
import dev.handrail.contracts.Subjects;
import dev.handrail.contracts.action.Execution;
import dev.handrail.contracts.message.ActionEvent;
import dev.handrail.contracts.message.ActionFailed;
import dev.handrail.contracts.message.ActionSucceeded;
import dev.handrail.contracts.message.Envelope;
import dev.handrail.contracts.message.Message;
import dev.handrail.contracts.message.MessageTypes;
import dev.handrail.contracts.message.ResultOrigin;
import dev.handrail.health.breaker.BreakerBoard;
import dev.handrail.health.leader.LeaderDuty;
import dev.handrail.health.metrics.ActionMetrics;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Feeds action outcomes to the breakers, and every action event to the action meters
 * ({@link ActionMetrics}), from the durable consumer {@code health-breakers}, which only the leader
 * reads, so one board sees every outcome and each event is counted once. Started when this instance is elected
 * and stopped when it is not leader any more. Created to start at new events: outcomes from
 * before the first start say nothing about the nodes now. Only {@code succeeded} and
 * {@code failed} reach the board. A message is acknowledged once the board and the meters have it. A result that names another node than the one its subject
 * belongs to ({@link ResultOrigin}) is refused: one node cannot trip or reset another's breakers.
 * Thread-safe: start and stop come from the leader schedule;
 * messages from the bus's consumer thread.
 */
@Singleton
public final class BreakerFeed implements LeaderDuty {

    private static final Logger LOG = LoggerFactory.getLogger(BreakerFeed.class);
    private static final DurableSpec SPEC = new DurableSpec(
                    Subjects.STREAM_EVENTS,
                    Subjects.DURABLE_HEALTH_BREAKERS,
                    Subjects.ACTION_EVENTS_ALL,
                    Duration.ofSeconds(30),
                    5,
                    1024,
                    256)
            .startingNow();

    private final Bus bus;
    private final BreakerBoard board;
    private final ActionMetrics metrics;
    private volatile Bus.Consuming consuming;

    public BreakerFeed(Bus bus, BreakerBoard board, ActionMetrics metrics) {
        this.bus = bus;
        this.board = board;
        this.metrics = metrics;
    }

    @Override
    public int order() {
        return 10;
    }

    @Override
    public void onElected() {
        consuming = bus.consume(SPEC, this::handle);
    }

    @Override
    public void onRevoked() {
        Bus.Consuming running = consuming;
        consuming = null;
        if (running != null) {
            running.close();
        }
    }

    CompletionStage<?> handle(Envelope envelope, Delivery delivery) {
        if (!MessageTypes.all().containsKey(envelope.type())) {
            return CompletableFuture.completedFuture(null);
        }
        Message message = envelope.message();
        if (ResultOrigin.matches(delivery.subject(), message)) {
            feed(message);
            if (message instanceof ActionEvent event) {
                metrics.record(event, envelope.time());
            }
        } else {
            LOG.warn(
                    "Refusing {} {} on {}: the node it names is not the node of its subject (forged or misrouted); "
                            + "no breaker counts it",
                    envelope.type(),
                    envelope.id(),
                    delivery.subject());
        }
        return CompletableFuture.completedFuture(null);
    }

    private void feed(Message message) {
        switch (message) {
            case ActionSucceeded s ->
                board.recordSuccess(s.actionId(), s.node(), s.intent(), durationMs(s.execution()));
            case ActionFailed f ->
                board.recordFailure(
                        f.actionId(),
                        f.node(),
                        f.intent(),
                        durationMs(f.execution()),
                        f.execution() == null ? null : f.execution().errorCode());
            default -> {
                // other events say nothing about a node's health
            }
        }
    }

    private static long durationMs(Execution execution) {
        return execution == null ? 0 : Math.max(0, execution.durationMs());
    }
}
