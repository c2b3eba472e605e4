package dev.handrail.bus;

/** A message larger than the NATS server carries ({@code max_payload}); it was not sent. */
public class MessageTooLargeException extends BusException {
    private static final long serialVersionUID = 1L;

    public MessageTooLargeException(String subject, long size, long maxPayload) {
        super("A message of " + size + " bytes for " + subject + " is larger than NATS carries (" + maxPayload
                + " bytes)");
    }
}
