package dev.handrail.health.messaging;

import dev.handrail.contracts.message.Envelope;
import dev.handrail.contracts.message.Message;

/** Envelopes whose id health derives itself (a breaker move, an incident change, a replay), so a retry publishes the same message. */
final class Envelopes {

    private Envelopes() {}

    /** Wraps a message that has no cause on the bus under the given id. */
    static Envelope withId(
            String id, String source, Message message, String principal, String session, String causationId) {
        Envelope fresh = Envelope.of(source, message, principal, session);
        return new Envelope(
                fresh.specversion(),
                id,
                fresh.source(),
                fresh.type(),
                fresh.subject(),
                fresh.time(),
                fresh.datacontenttype(),
                fresh.correlationid(),
                causationId,
                principal,
                session,
                fresh.data());
    }
}
