package dev.handrail.policy.run;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;

/**
 * A row of {@code run_steps}: one step of a run, numbered in the order it started; {@code stepKey}
 * is the worker's own name for it, so a worker that takes over a run finds a step its predecessor
 * started instead of starting it twice. Immutable.
 */
@MappedEntity("run_steps")
public record StepRow(
        @Id String id,
        String runId,
        int seq,
        String name,
        @Nullable String stepKey,
        String state,
        @Nullable String output,
        @Nullable String error,
        String worker,
        Instant createdAt,
        @Nullable Instant endedAt) {

    /** Whether the step has succeeded or failed. */
    public boolean ended() {
        return !state.equals(ItemState.RUNNING.wire());
    }

    /** This step ended in {@code state}. */
    StepRow endedAs(ItemState state, @Nullable String output, @Nullable String error, Instant now) {
        return new StepRow(id, runId, seq, name, stepKey, state.wire(), output, error, worker, createdAt, now);
    }
}
