package dev.handrail.bus;

import dev.handrail.bus.tracing.Tracing;
import dev.handrail.contracts.artifact.Artifacts;
import dev.handrail.contracts.message.Heartbeat;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Property;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.nats.client.Connection;
import io.opentelemetry.api.OpenTelemetry;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Gives every service a {@link Bus} on the connection micronaut-nats manages (and, where NATS
 * authenticates per service, a second one to answer queries on), provisions the
 * streams at start-up, and sends this instance's heartbeats. The bus is closed (drained) before
 * the connection on shutdown. The service's OpenTelemetry (micronaut-tracing) becomes the tracer
 * of {@link Tracing} when the bus is made, before any message is consumed.
 */
@Factory
public class BusFactory {

    @Context
    @Bean(preDestroy = "close")
    Bus bus(
            Connection connection,
            ResponderConnection responder,
            ServiceIdentity identity,
            Replicas replicas,
            @Nullable @Property(name = Artifacts.MAX_AGE_PROPERTY) Duration artifactMaxAge,
            @Nullable OpenTelemetry openTelemetry) {
        if (openTelemetry != null) {
            Tracing.use(openTelemetry);
        }
        Bus bus = new Bus(connection, responder.or(connection), identity.source());
        bus.provision(artifactMaxAge == null ? Artifacts.DEFAULT_MAX_AGE : artifactMaxAge, replicas);
        return bus;
    }

    /** {@value Replicas#PROPERTY} ({@value Replicas#ENV}): how many servers keep each stream and bucket; 1 unless set. */
    @Singleton
    Replicas replicas(@Nullable @Property(name = Replicas.PROPERTY) String replicas) {
        return Replicas.parse(replicas);
    }

    /** {@code handrail.nats.responder-user}: the identity this service answers queries as (ADR 0011). */
    @Singleton
    @Bean(preDestroy = "close")
    ResponderConnection responder(
            @Property(name = "nats.default.addresses") List<String> addresses,
            @Value("${handrail.nats.responder-user:}") String responderUser,
            ServiceIdentity identity) {
        return addresses.isEmpty()
                ? ResponderConnection.shared()
                : ResponderConnection.open(
                        String.join(",", addresses), responderUser, identity.getName() + "-responder");
    }

    @Context
    @Bean(preDestroy = "close")
    @Requires(property = "handrail.service.heartbeats", notEquals = "false")
    HeartbeatSender serviceHeartbeats(Connection connection, ServiceIdentity identity) {
        return new HeartbeatSender(
                connection,
                identity.getHeartbeatInterval(),
                () -> new Heartbeat(
                        "service",
                        identity.getInstanceId(),
                        identity.getName(),
                        identity.getStartedAt(),
                        Instant.now(),
                        identity.getHeartbeatInterval().toMillis(),
                        null));
    }
}
