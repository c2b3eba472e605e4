package dev.handrail.executor.execution;

import dev.handrail.contracts.message.ActionEvent;

/**
 * Where the executor's action events go. {@link #publish} returns once the event is stored (so
 * events leave in order and the command is acknowledged only after the last one); it throws an
 * unchecked exception when the event cannot be stored, which makes the command come back later.
 */
@FunctionalInterface
public interface EventPublisher {

    void publish(ActionEvent event);
}
