package dev.handrail.policy.messaging;

/** JetStream did not confirm storing what policy published; the work that produced it is retried. */
public class PublishFailedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public PublishFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
