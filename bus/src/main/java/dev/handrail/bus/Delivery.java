package dev.handrail.bus;

import io.nats.client.Message;

/**
 * How a JetStream message reached a consumer: how often it has been delivered (more than once
 * means an earlier attempt did not acknowledge it) and its place in the stream.
 */
public final class Delivery {

    private final Message message;

    Delivery(Message message) {
        this.message = message;
    }

    /** 1 on first delivery. */
    public long deliveredCount() {
        return message.metaData().deliveredCount();
    }

    /** The message's sequence in its stream. */
    public long streamSequence() {
        return message.metaData().streamSequence();
    }

    /** The message's bytes as they are in the stream. */
    public byte[] data() {
        return message.getData();
    }

    /** The subject the message was published on. */
    public String subject() {
        return message.getSubject();
    }

    /** Tells the server the work is still going so it does not redeliver yet. */
    public void inProgress() {
        message.inProgress();
    }
}
