package dev.handrail.gateway.messaging;

import dev.handrail.bus.Bus;
import dev.handrail.contracts.Subjects;
import dev.handrail.contracts.json.Json;
import dev.handrail.contracts.query.StoredEvent;
import dev.handrail.gateway.feed.FeedHub;
import io.micronaut.context.annotation.Context;
import io.nats.client.Message;
import jakarta.annotation.PostConstruct;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Taps the events the audit store announces after each commit ({@link Subjects#AUDIT_STORED_ALL},
 * core NATS) and hands them to the open live-feed streams; while none is open they are not even
 * parsed. Started with the application.
 */
@Context
public class StoredEventTap {

    private static final Logger LOG = LoggerFactory.getLogger(StoredEventTap.class);

    private final Bus bus;
    private final FeedHub hub;

    public StoredEventTap(Bus bus, FeedHub hub) {
        this.bus = bus;
        this.hub = hub;
    }

    @PostConstruct
    void start() {
        bus.listen(Subjects.AUDIT_STORED_ALL, this::onMessage);
    }

    private void onMessage(Message message) {
        if (!hub.hasSubscribers()) {
            return;
        }
        try {
            hub.publish(Json.read(message.getData(), StoredEvent.class));
        } catch (RuntimeException e) {
            LOG.warn(
                    "Skipping an unreadable stored-event announcement on {}: {}", message.getSubject(), e.getMessage());
        }
    }
}
