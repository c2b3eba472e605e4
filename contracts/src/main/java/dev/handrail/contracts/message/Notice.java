package dev.handrail.contracts.message;

/**
 * Marker for the notice family: the answer to a command that did not move any action along
 * its state machine, published on {@code handrail.v1.events.notice.<kind>} so the waiting
 * gateway (and the audit trail) learn of it.
 */
public interface Notice extends Message {

    /** The action this message is about. */
    String actionId();

    @Override
    default String subject() {
        return actionId();
    }

    /** The subject this notice is published on. */
    String natsSubject();
}
