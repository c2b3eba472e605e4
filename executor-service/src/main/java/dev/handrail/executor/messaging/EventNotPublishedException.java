package dev.handrail.executor.messaging;

/** JetStream did not acknowledge an event in time; the command that caused it is delivered again. */
public class EventNotPublishedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public EventNotPublishedException(String message, Throwable cause) {
        super(message, cause);
    }
}
