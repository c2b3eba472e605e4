package dev.handrail.health.deadletter;

import dev.handrail.contracts.message.ActionEvent;
import dev.handrail.contracts.message.Envelope;
import java.util.concurrent.CompletionStage;

/**
 * The port through which dead lettering is announced ({@code dead_lettered}, and {@code failed}
 * for a command JetStream gave up on), caused by {@code cause}; the stage completes once the event
 * is stored.
 */
public interface DeadLetterPublisher {

    CompletionStage<?> publish(Envelope cause, ActionEvent event);
}
