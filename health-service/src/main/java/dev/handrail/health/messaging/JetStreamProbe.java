package dev.handrail.health.messaging;

import dev.handrail.health.probe.DependencyProbe;
import io.nats.client.Connection;
import jakarta.inject.Singleton;

/** JetStream answers an account-statistics request on this service's connection. */
@Singleton
public final class JetStreamProbe implements DependencyProbe {

    private final Connection connection;

    public JetStreamProbe(Connection connection) {
        this.connection = connection;
    }

    @Override
    public String name() {
        return "jetstream";
    }

    @Override
    public void check() throws Exception {
        connection.jetStreamManagement().getAccountStatistics();
    }
}
