package dev.handrail.audit.store;

import dev.handrail.contracts.Subjects;
import dev.handrail.contracts.message.Envelope;

/**
 * A message taken off the feed, waiting to be stored: the envelope read from it (null when it is
 * not an envelope, and then {@code unreadable} says why), the subject it was published on, its
 * place in the stream, and its bytes as they were there (kept raw should it have to be quarantined).
 */
public record IncomingEvent(
        Envelope envelope, String unreadable, String subject, String stream, long streamSequence, byte[] payload) {

    /** An envelope from outside a stream (tools, tests): its bytes are its own serialisation. */
    public IncomingEvent(Envelope envelope, String subject) {
        this(envelope, null, subject, Subjects.STREAM_EVENTS, 0, envelope.toBytes());
    }

    /** An envelope read from the message at {@code streamSequence}. */
    public static IncomingEvent read(Envelope envelope, String subject, long streamSequence, byte[] payload) {
        return new IncomingEvent(envelope, null, subject, Subjects.STREAM_EVENTS, streamSequence, payload);
    }

    /** A message at {@code streamSequence} that is not an envelope at all. */
    public static IncomingEvent unreadable(byte[] payload, String subject, long streamSequence, String why) {
        return new IncomingEvent(null, why, subject, Subjects.STREAM_EVENTS, streamSequence, payload);
    }
}
