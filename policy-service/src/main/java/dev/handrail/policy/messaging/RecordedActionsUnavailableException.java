package dev.handrail.policy.messaging;

/** The audit service did not give the recorded actions a what-if needs. */
public class RecordedActionsUnavailableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public RecordedActionsUnavailableException(String message) {
        super(message);
    }
}
