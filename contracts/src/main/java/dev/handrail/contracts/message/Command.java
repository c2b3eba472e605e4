package dev.handrail.contracts.message;

/** Marker for the command family: a request that one service do something, held in JetStream until done. */
public interface Command extends Message {

    /** The action this message is about. */
    String actionId();

    @Override
    default String subject() {
        return actionId();
    }
}
