package dev.handrail.health.messaging;

import dev.handrail.bus.Bus;
import dev.handrail.contracts.Subjects;
import dev.handrail.contracts.json.Json;
import dev.handrail.contracts.message.Heartbeat;
import dev.handrail.health.liveness.LivenessRegistry;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.context.event.StartupEvent;
import io.nats.client.Message;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Feeds every heartbeat on core NATS to the liveness registry. */
@Singleton
public final class HeartbeatListener implements ApplicationEventListener<StartupEvent> {

    private static final Logger LOG = LoggerFactory.getLogger(HeartbeatListener.class);

    private final Bus bus;
    private final LivenessRegistry registry;

    public HeartbeatListener(Bus bus, LivenessRegistry registry) {
        this.bus = bus;
        this.registry = registry;
    }

    @Override
    public void onApplicationEvent(StartupEvent event) {
        bus.listen(Subjects.HEARTBEAT_ALL, this::onMessage);
    }

    void onMessage(Message message) {
        try {
            Heartbeat heartbeat = Json.read(message.getData(), Heartbeat.class);
            if (!registry.onHeartbeat(heartbeat)) {
                LOG.warn("Ignoring a heartbeat on {} that names no sender or interval", message.getSubject());
            }
        } catch (Json.JsonException e) {
            LOG.warn("Ignoring a heartbeat on {} that is not one: {}", message.getSubject(), e.getMessage());
        }
    }
}
