package dev.handrail.health.replay;

import java.time.Instant;

/**
 * What a replay request made: the new action that replays the dead letter, its state when the
 * answer was given, who replayed it first and when, and whether this request only found an
 * earlier replay ({@code repeated}).
 */
public record ReplayOutcome(
        String deadLetterId,
        String originalActionId,
        String replayActionId,
        String state,
        Instant replayedAt,
        String replayedBy,
        boolean repeated) {}
