package dev.handrail.executor.messaging;

import dev.handrail.bus.HeartbeatSender;
import dev.handrail.bus.ServiceIdentity;
import dev.handrail.contracts.message.Heartbeat;
import dev.handrail.executor.node.ExecutorProperties;
import dev.handrail.executor.node.NodeDescription;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Factory;
import io.nats.client.Connection;
import jakarta.inject.Named;
import java.time.Instant;

/**
 * Sends this node's heartbeat ({@code kind = node}) on the service heartbeat interval, saying
 * which capabilities really work here, its workspace roots, display and labels.
 */
@Factory
public class NodeHeartbeatFactory {

    @Context
    @Named("node")
    @Bean(preDestroy = "close")
    HeartbeatSender nodeHeartbeats(
            Connection connection, ServiceIdentity identity, ExecutorProperties properties, NodeDescription node) {
        return new HeartbeatSender(
                connection,
                identity.getHeartbeatInterval(),
                () -> new Heartbeat(
                        "node",
                        properties.getNodeId(),
                        identity.getName(),
                        identity.getStartedAt(),
                        Instant.now(),
                        identity.getHeartbeatInterval().toMillis(),
                        node.info()));
    }
}
