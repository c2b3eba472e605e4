package dev.handrail.bus;

import dev.handrail.contracts.message.Heartbeat;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import io.nats.client.Connection;
import java.time.Instant;

/**
 * Gives every service a {@link Bus} on the connection micronaut-nats manages, provisions the
 * streams at start-up, and sends this instance's heartbeats. The bus is closed (drained) before
 * the connection on shutdown.
 */
@Factory
public class BusFactory {

    @Context
    @Bean(preDestroy = "close")
    Bus bus(Connection connection, ServiceIdentity identity) {
        Bus bus = new Bus(connection, identity.source());
        bus.provision();
        return bus;
    }

    @Context
    @Bean(preDestroy = "close")
    @Requires(property = "handrail.service.heartbeats", notEquals = "false")
    HeartbeatSender serviceHeartbeats(Connection connection, ServiceIdentity identity) {
        return new HeartbeatSender(connection, identity.getHeartbeatInterval(),
                () -> new Heartbeat("service", identity.getInstanceId(), identity.getName(), identity.getStartedAt(),
                        Instant.now(), identity.getHeartbeatInterval().toMillis(), null));
    }
}
