package dev.handrail.policy.messaging;

import dev.handrail.bus.Bus;
import dev.handrail.contracts.message.Envelope;
import dev.handrail.contracts.message.PolicyFileFailed;
import dev.handrail.policy.PolicyConfig;
import dev.handrail.policy.rules.PolicyFileAlarm;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.List;

/** Publishes a failed policy-file reload on the feed ({@code handrail.v1.events.control.policy_file}). Stateless. */
@Singleton
public class BusPolicyFileAlarm implements PolicyFileAlarm {

    private final Bus bus;
    private final Duration timeout;

    public BusPolicyFileAlarm(Bus bus, PolicyConfig config) {
        this.bus = bus;
        this.timeout = config.getPublishTimeout();
    }

    @Override
    public void raise(PolicyFileFailed failure) {
        Outbound.publishAll(
                bus, List.of(Envelope.of(bus.source(), failure, null, null)), List.of(failure.natsSubject()), timeout);
    }
}
