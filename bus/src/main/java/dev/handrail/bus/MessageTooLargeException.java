package dev.handrail.bus;

/** A message larger than the NATS server carries ({@code max_payload}); it was not sent. */
public class MessageTooLargeException extends BusException {
    private static final long serialVersionUID = 1L;

    private final long size;
    private final long maxPayload;

    public MessageTooLargeException(String subject, long size, long maxPayload) {
        super("A message of " + size + " bytes for " + subject + " is larger than NATS carries (" + maxPayload
                + " bytes)");
        this.size = size;
        this.maxPayload = maxPayload;
    }

    /** The message's size with its headers, in bytes. */
    public long size() {
        return size;
    }

    /** The most the server carries in one message, in bytes. */
    public long maxPayload() {
        return maxPayload;
    }
}
