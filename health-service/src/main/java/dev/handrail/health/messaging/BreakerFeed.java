package dev.handrail.health.messaging;

import dev.handrail.bus.BusException;
import dev.handrail.contracts.Subjects;
import dev.handrail.contracts.action.Execution;
import dev.handrail.contracts.message.ActionFailed;
import dev.handrail.contracts.message.ActionSucceeded;
import dev.handrail.contracts.message.Envelope;
import dev.handrail.contracts.message.MessageTypes;
import dev.handrail.health.breaker.BreakerBoard;
import dev.handrail.health.leader.LeaderDuty;
import io.nats.client.ConsumeOptions;
import io.nats.client.Connection;
import io.nats.client.ConsumerContext;
import io.nats.client.JetStreamApiException;
import io.nats.client.Message;
import io.nats.client.MessageConsumer;
import io.nats.client.api.AckPolicy;
import io.nats.client.api.ConsumerConfiguration;
import io.nats.client.api.DeliverPolicy;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Feeds action outcomes to the breakers from the durable consumer {@code health-breakers}, which
 * only the leader reads, so one board sees every outcome. Started when this instance is elected
 * and stopped when it is not leader any more (which the shared bus cannot do, hence jnats
 * directly). Created to start at new events: outcomes from before the first start say nothing
 * about the nodes now. A message is acknowledged once the board has it. Thread-safe: start and
 * stop come from the leader schedule; messages from jnats' consumer thread.
 */
@Singleton
public final class BreakerFeed implements LeaderDuty {

    private static final Logger LOG = LoggerFactory.getLogger(BreakerFeed.class);

    private static final String SUCCEEDED = Subjects.actionEventPrefix("succeeded");
    private static final String FAILED = Subjects.actionEventPrefix("failed");

    private final Connection connection;
    private final BreakerBoard board;
    private volatile MessageConsumer consumer;

    public BreakerFeed(Connection connection, BreakerBoard board) {
        this.connection = connection;
        this.board = board;
    }

    @Override
    public int order() {
        return 10;
    }

    @Override
    public void onElected() {
        ConsumerConfiguration config = ConsumerConfiguration.builder()
                .durable(Subjects.DURABLE_HEALTH_BREAKERS)
                .filterSubject(Subjects.ACTION_EVENTS_ALL)
                .ackPolicy(AckPolicy.Explicit)
                .deliverPolicy(DeliverPolicy.New)
                .ackWait(Duration.ofSeconds(30))
                .maxDeliver(5)
                .maxAckPending(1024)
                .build();
        try {
            ConsumerContext context = connection.getStreamContext(Subjects.STREAM_EVENTS).createOrUpdateConsumer(config);
            consumer = context.consume(ConsumeOptions.builder().batchSize(256).build(), this::onMessage);
        } catch (IOException | JetStreamApiException e) {
            throw new BusException("Cannot start the breaker feed: " + e.getMessage(), e);
        }
    }

    @Override
    public void onRevoked() {
        MessageConsumer running = consumer;
        consumer = null;
        if (running != null) {
            running.stop();
        }
    }

    void onMessage(Message message) {
        String subject = message.getSubject();
        if (!subject.startsWith(SUCCEEDED) && !subject.startsWith(FAILED)) {
            // only outcomes say anything about a node's health: acknowledged unread
            message.ack();
            return;
        }
        Envelope envelope;
        try {
            envelope = Envelope.parse(message.getData());
        } catch (RuntimeException e) {
            message.term();
            return;
        }
        try {
            if (MessageTypes.all().containsKey(envelope.type())) {
                feed(envelope);
            }
            message.ack();
        } catch (RuntimeException e) {
            LOG.warn("Feeding {} {} to the breakers failed; it will be redelivered", envelope.type(), envelope.subject(), e);
            message.nakWithDelay(Duration.ofSeconds(1));
        }
    }

    private void feed(Envelope envelope) {
        switch (envelope.message()) {
            case ActionSucceeded s -> board.recordSuccess(s.actionId(), s.node(), s.intent(), durationMs(s.execution()));
            case ActionFailed f -> board.recordFailure(f.actionId(), f.node(), f.intent(), durationMs(f.execution()),
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
