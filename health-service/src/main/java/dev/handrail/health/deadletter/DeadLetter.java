package dev.handrail.health.deadletter;

import com.fasterxml.jackson.databind.JsonNode;
import dev.handrail.health.failure.FailureClass;
import java.time.Instant;

/**
 * A failed action kept for inspection and replay: what failed, where, why, after how many
 * attempts, the original message (the {@code failed} event, or the command JetStream gave up on)
 * and, when known, the request to replay. {@code replayedAt}, {@code replayActionId} and
 * {@code replayedBy} stay null until it is replayed.
 */
public record DeadLetter(
        String id,
        String actionId,
        String intent,
        String node,
        String errorCode,
        String errorMessage,
        FailureClass failureClass,
        int attempts,
        Instant createdAt,
        Instant replayedAt,
        String replayActionId,
        String replayedBy,
        OriginalRequest request,
        JsonNode original) {

    /** This dead letter with the request to replay filled in. */
    public DeadLetter withRequest(OriginalRequest value) {
        return new DeadLetter(
                id,
                actionId,
                intent,
                node,
                errorCode,
                errorMessage,
                failureClass,
                attempts,
                createdAt,
                replayedAt,
                replayActionId,
                replayedBy,
                value,
                original);
    }
}
