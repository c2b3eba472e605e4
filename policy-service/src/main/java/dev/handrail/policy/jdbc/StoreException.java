package dev.handrail.policy.jdbc;

/** PostgreSQL could not do what policy asked of it; the message that caused the work is retried. */
public class StoreException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
