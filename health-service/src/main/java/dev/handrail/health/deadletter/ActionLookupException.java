package dev.handrail.health.deadletter;

/** The service that knows what an action asked for (audit) did not answer. */
public class ActionLookupException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ActionLookupException(String message, Throwable cause) {
        super(message, cause);
    }
}
