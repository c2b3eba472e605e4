package dev.handrail.policy.action;

import dev.handrail.contracts.message.Message;
import java.util.List;

/**
 * Where policy's answers to one command go: action events, notices and execute commands, each
 * to its own place, as consequences of that command. Implemented by messaging.
 */
@FunctionalInterface
public interface EventPublisher {

    /**
     * Publishes {@code messages} in order and returns once the bus has stored them all; throws
     * an unchecked exception otherwise, so the caller's work is rolled back and retried.
     */
    void publish(List<? extends Message> messages);

    /**
     * This publisher with its envelopes in the action's own session (a decision is sent by an
     * operator outside the session the action was planned in).
     */
    default EventPublisher inSession(String actionSession) {
        return this;
    }
}
