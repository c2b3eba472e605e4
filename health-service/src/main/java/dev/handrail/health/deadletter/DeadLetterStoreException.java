package dev.handrail.health.deadletter;

/** The dead letter table could not be read or written. */
public class DeadLetterStoreException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public DeadLetterStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
