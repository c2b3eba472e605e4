package dev.handrail.policy.messaging;

import dev.handrail.bus.Bus;
import dev.handrail.contracts.message.Envelope;
import dev.handrail.contracts.message.Message;
import dev.handrail.policy.action.EventPublisher;
import java.time.Duration;
import java.util.List;

/**
 * Publishes what one consumed command caused: each message is wrapped with
 * {@link Envelope#causedBy}, so its id is derived and a redelivered command's repeat is dropped.
 * The envelopes carry the command's principal and session unless told otherwise
 * ({@link #inSession}, {@link #unattributed}).
 */
final class CausedPublisher implements EventPublisher {

    private final Bus bus;
    private final Envelope cause;
    private final Duration timeout;
    private final boolean attributed;
    private final String session;

    CausedPublisher(Bus bus, Envelope cause, Duration timeout) {
        this(bus, cause, timeout, true, cause.session());
    }

    private CausedPublisher(Bus bus, Envelope cause, Duration timeout, boolean attributed, String session) {
        this.bus = bus;
        this.cause = cause;
        this.timeout = timeout;
        this.attributed = attributed;
        this.session = session;
    }

    @Override
    public EventPublisher inSession(String actionSession) {
        return new CausedPublisher(bus, cause, timeout, attributed, actionSession);
    }

    /** A publisher whose envelopes name no principal or session: for refusing a command whose principal is unproven. */
    CausedPublisher unattributed() {
        return new CausedPublisher(bus, cause, timeout, false, null);
    }

    @Override
    public void publish(List<? extends Message> messages) {
        List<Envelope> envelopes = messages.stream()
                .map(m -> Envelope.causedBy(cause, bus.source(), m))
                .map(e -> e.withPrincipal(attributed ? e.principal() : null, session))
                .toList();
        List<String> subjects = messages.stream().map(Outbound::subjectOf).toList();
        Outbound.publishAll(bus, envelopes, subjects, timeout);
    }
}
