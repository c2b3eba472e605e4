package dev.handrail.audit.jdbc;

/** The audit database could not be read or written (unreachable, or a statement or transaction failed). */
public class EventStoreException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public EventStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
