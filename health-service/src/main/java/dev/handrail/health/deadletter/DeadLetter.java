package dev.handrail.health.deadletter;

import com.fasterxml.jackson.databind.JsonNode;
import dev.handrail.health.failure.FailureClass;
import java.time.Instant;

/**
 * A failed action kept for inspection and replay: what failed, where, why, after how many
 * attempts, and the original {@code failed} event envelope. {@code replayedAt} and
 * {@code replayActionId} stay null until it is replayed.
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
        JsonNode original) {
}
