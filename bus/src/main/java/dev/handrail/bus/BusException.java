package dev.handrail.bus;

/** A technical failure talking to NATS or JetStream. */
public class BusException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public BusException(String message, Throwable cause) {
        super(message, cause);
    }

    public BusException(String message) {
        super(message);
    }
}
