package dev.handrail.health.messaging;

import dev.handrail.health.probe.DependencyProbe;
import io.nats.client.Connection;
import jakarta.inject.Singleton;

/** The NATS connection this service runs on is connected. */
@Singleton
public final class NatsProbe implements DependencyProbe {

    private final Connection connection;

    public NatsProbe(Connection connection) {
        this.connection = connection;
    }

    @Override
    public String name() {
        return "nats";
    }

    @Override
    public void check() {
        Connection.Status status = connection.getStatus();
        if (status != Connection.Status.CONNECTED) {
            throw new IllegalStateException(
                    "NATS connection is " + status + " (server " + connection.getConnectedUrl() + ")");
        }
    }
}
