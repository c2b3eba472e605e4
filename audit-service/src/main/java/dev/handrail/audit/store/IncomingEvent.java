package dev.handrail.audit.store;

import dev.handrail.contracts.message.Envelope;

/** An envelope taken off the feed and the subject it was published on, waiting to be stored. */
public record IncomingEvent(Envelope envelope, String subject) {
}
