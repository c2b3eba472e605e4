package dev.handrail.policy.messaging;

import dev.handrail.bus.Bus;
import dev.handrail.contracts.Subjects;
import dev.handrail.contracts.json.Json;
import dev.handrail.contracts.message.Heartbeat;
import dev.handrail.policy.node.NodeDirectory;
import io.micronaut.context.annotation.Context;
import io.nats.client.Message;
import jakarta.annotation.PostConstruct;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Feeds every heartbeat on the bus to the {@link NodeDirectory}; started with the application. */
@Context
public class NodeHeartbeatListener {

    private static final Logger LOG = LoggerFactory.getLogger(NodeHeartbeatListener.class);

    private final Bus bus;
    private final NodeDirectory directory;

    public NodeHeartbeatListener(Bus bus, NodeDirectory directory) {
        this.bus = bus;
        this.directory = directory;
    }

    @PostConstruct
    void start() {
        bus.listen(Subjects.HEARTBEAT_ALL, this::onHeartbeat);
    }

    private void onHeartbeat(Message message) {
        try {
            directory.record(Json.read(message.getData(), Heartbeat.class));
        } catch (Json.JsonException e) {
            LOG.debug("Ignoring an unreadable heartbeat on {}: {}", message.getSubject(), e.getMessage());
        }
    }
}
