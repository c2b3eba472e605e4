package dev.handrail.policy.messaging;

import dev.handrail.bus.Bus;
import dev.handrail.contracts.message.ApprovalExpired;
import dev.handrail.contracts.message.Envelope;
import dev.handrail.policy.PolicyConfig;
import dev.handrail.policy.approval.ExpiryPublisher;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.List;

/**
 * Publishes the expiry sweep's events. A sweep has no cause envelope, so each event starts its
 * own envelope, but with the id a caused one would have ({@code <action>.expired}): an expiry
 * published twice, or by the sweep and a late decision both, is stored once. Thread-safe.
 */
@Singleton
public class BusExpiryPublisher implements ExpiryPublisher {

    private final Bus bus;
    private final Duration timeout;

    public BusExpiryPublisher(Bus bus, PolicyConfig config) {
        this.bus = bus;
        this.timeout = config.getPublishTimeout();
    }

    @Override
    public void publish(List<Expiry> expiries) {
        List<Envelope> envelopes = expiries.stream().map(this::envelope).toList();
        List<String> subjects =
                expiries.stream().map(e -> e.event().natsSubject()).toList();
        Outbound.publishAll(bus, envelopes, subjects, timeout);
    }

    private Envelope envelope(Expiry expiry) {
        ApprovalExpired event = expiry.event();
        Envelope fresh = Envelope.of(bus.source(), event, expiry.principal(), expiry.sessionId());
        return new Envelope(
                fresh.specversion(),
                event.actionId() + "." + event.state().wire(),
                fresh.source(),
                fresh.type(),
                fresh.subject(),
                fresh.time(),
                fresh.datacontenttype(),
                fresh.correlationid(),
                fresh.causationid(),
                fresh.principal(),
                fresh.session(),
                fresh.data());
    }
}
