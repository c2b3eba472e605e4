package dev.handrail.health.jdbc;

/** A health table (breakers, incidents, the leader lock) could not be read or written. */
public class HealthStoreException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public HealthStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
