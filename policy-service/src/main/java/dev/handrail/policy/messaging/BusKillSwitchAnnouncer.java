package dev.handrail.policy.messaging;

import dev.handrail.bus.Bus;
import dev.handrail.contracts.message.Envelope;
import dev.handrail.contracts.message.KillSwitchChanged;
import dev.handrail.policy.PolicyConfig;
import dev.handrail.policy.killswitch.KillSwitchAnnouncer;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.List;

/**
 * Publishes kill-switch changes on the feed ({@code handrail.v1.events.control.kill_switch}):
 * JetStream keeps them for audit and replay, and every policy instance and executor hears them
 * live on core NATS. An operator's change has no cause on the bus, so it starts its own envelope.
 */
@Singleton
public class BusKillSwitchAnnouncer implements KillSwitchAnnouncer {

    private final Bus bus;
    private final Duration timeout;

    public BusKillSwitchAnnouncer(Bus bus, PolicyConfig config) {
        this.bus = bus;
        this.timeout = config.getPublishTimeout();
    }

    @Override
    public void announce(KillSwitchChanged change) {
        Envelope envelope = Envelope.of(bus.source(), change, change.changedBy(), null);
        Outbound.publishAll(bus, List.of(envelope), List.of(change.natsSubject()), timeout);
    }
}
