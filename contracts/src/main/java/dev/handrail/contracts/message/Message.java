package dev.handrail.contracts.message;

/**
 * Anything Handrail puts on the bus as an envelope. Each message is about one thing, named by
 * {@link #subject()} (the CloudEvents {@code subject}): an action id for the action families, a
 * breaker name or a kill-switch scope for the control families.
 */
public interface Message {

    /** What this message is about. */
    String subject();
}
