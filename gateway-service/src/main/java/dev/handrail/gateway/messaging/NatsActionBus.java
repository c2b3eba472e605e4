package dev.handrail.gateway.messaging;

import dev.handrail.bus.Bus;
import dev.handrail.contracts.message.Envelope;
import dev.handrail.contracts.query.Reply;
import dev.handrail.gateway.action.ActionBus;
import dev.handrail.gateway.action.GatewayConfig;
import jakarta.inject.Singleton;
import java.util.concurrent.CompletableFuture;

/** {@link ActionBus} over JetStream (commands) and NATS request-reply (queries). Stateless. */
@Singleton
public class NatsActionBus implements ActionBus {

    private final Bus bus;
    private final GatewayConfig config;

    public NatsActionBus(Bus bus, GatewayConfig config) {
        this.bus = bus;
        this.config = config;
    }

    @Override
    public String source() {
        return bus.source();
    }

    @Override
    public CompletableFuture<Void> send(String subject, Envelope command) {
        return bus.publish(subject, command).thenApply(ack -> null);
    }

    @Override
    public CompletableFuture<Reply> ask(String subject, Object query) {
        return bus.request(subject, query, config.getQueryTimeout());
    }
}
