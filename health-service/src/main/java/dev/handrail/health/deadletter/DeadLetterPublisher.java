package dev.handrail.health.deadletter;

import dev.handrail.contracts.message.ActionDeadLettered;
import dev.handrail.contracts.message.Envelope;
import java.util.concurrent.CompletionStage;

/** The port through which dead lettering is announced; the stage completes once the event is stored. */
public interface DeadLetterPublisher {

    CompletionStage<?> publish(Envelope cause, ActionDeadLettered event);
}
