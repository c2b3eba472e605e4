package dev.handrail.policy.messaging;

import dev.handrail.bus.Bus;
import dev.handrail.contracts.message.Envelope;
import dev.handrail.contracts.message.RunChanged;
import dev.handrail.policy.PolicyConfig;
import dev.handrail.policy.run.RunAnnouncer;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.List;

/**
 * Publishes runs' changes on the feed ({@code handrail.v1.events.run.<event>}), where audit
 * stores them in its chain and subscribers (executors for {@code cancelled}) hear them. A change
 * is asked for over request-reply, not a command on the bus, so it starts its own envelope.
 */
@Singleton
public class BusRunAnnouncer implements RunAnnouncer {

    private final Bus bus;
    private final Duration timeout;

    public BusRunAnnouncer(Bus bus, PolicyConfig config) {
        this.bus = bus;
        this.timeout = config.getPublishTimeout();
    }

    @Override
    public void announce(RunChanged change) {
        Envelope envelope = Envelope.of(bus.source(), change, change.by(), null);
        Outbound.publishAll(bus, List.of(envelope), List.of(change.natsSubject()), timeout);
    }
}
