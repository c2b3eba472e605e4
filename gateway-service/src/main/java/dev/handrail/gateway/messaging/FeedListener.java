package dev.handrail.gateway.messaging;

import dev.handrail.bus.Bus;
import dev.handrail.contracts.Subjects;
import dev.handrail.contracts.message.Envelope;
import dev.handrail.contracts.message.MessageTypes;
import dev.handrail.contracts.message.ResultOrigin;
import dev.handrail.gateway.action.PendingActions;
import io.micronaut.context.annotation.Context;
import io.nats.client.Message;
import jakarta.annotation.PostConstruct;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Taps the action events and notices on core NATS and hands those about actions this instance
 * holds requests for to {@link PendingActions}; the rest are skipped by header, unparsed. A result
 * on another node's subject ({@link ResultOrigin}) answers no request. Started
 * with the application so no event of a request can arrive before the tap.
 */
@Context
public class FeedListener {

    private static final Logger LOG = LoggerFactory.getLogger(FeedListener.class);

    private final Bus bus;
    private final PendingActions pending;

    public FeedListener(Bus bus, PendingActions pending) {
        this.bus = bus;
        this.pending = pending;
    }

    @PostConstruct
    void start() {
        bus.listen(Subjects.ACTION_EVENTS_ALL, this::onMessage);
        bus.listen(Subjects.NOTICES_ALL, this::onMessage);
    }

    void onMessage(Message message) {
        String actionId =
                message.getHeaders() == null ? null : message.getHeaders().getFirst(Bus.ACTION_HEADER);
        if (actionId != null && !pending.isWaitingFor(actionId)) {
            return;
        }
        try {
            Envelope envelope = Envelope.parse(message.getData());
            if (MessageTypes.all().containsKey(envelope.type())
                    && !ResultOrigin.matches(message.getSubject(), envelope.message())) {
                LOG.warn(
                        "Refusing {} {} on {}: the node it names is not the node of its subject",
                        envelope.type(),
                        envelope.id(),
                        message.getSubject());
                return;
            }
            pending.accept(envelope);
        } catch (RuntimeException e) {
            LOG.warn("Skipping an unreadable message on {}: {}", message.getSubject(), e.getMessage());
        }
    }
}
