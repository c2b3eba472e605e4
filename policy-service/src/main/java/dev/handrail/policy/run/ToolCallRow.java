package dev.handrail.policy.run;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;

/** A row of {@code run_tool_calls}: a tool a worker called within a step; input and output as JSON text. Immutable. */
@MappedEntity("run_tool_calls")
public record ToolCallRow(
        @Id String id,
        String runId,
        String stepId,
        String name,
        @Nullable String input,
        String state,
        @Nullable String output,
        @Nullable String error,
        Instant createdAt,
        @Nullable Instant endedAt) {

    /** Whether the call has succeeded or failed. */
    public boolean ended() {
        return !state.equals(ItemState.RUNNING.wire());
    }

    /** This call ended in {@code state}. */
    ToolCallRow endedAs(ItemState state, @Nullable String output, @Nullable String error, Instant now) {
        return new ToolCallRow(id, runId, stepId, name, input, state.wire(), output, error, createdAt, now);
    }
}
