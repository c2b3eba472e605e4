package dev.handrail.contracts.message;

/** Anything Handrail puts on the bus; each message is about one action, named by its id. */
public interface Message {

    /** The action this message is about (the CloudEvents {@code subject}). */
    String actionId();
}
