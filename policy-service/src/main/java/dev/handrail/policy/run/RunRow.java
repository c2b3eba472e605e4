package dev.handrail.policy.run;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;

/** A row of {@code runs}: a run as it stands, with its lease. Immutable; a change is a new row value. */
@MappedEntity("runs")
public record RunRow(
        @Id String id,
        String title,
        @Nullable String sessionId,
        String createdBy,
        String state,
        @Nullable Integer maxActions,
        @Nullable Integer maxDurationS,
        @Nullable String worker,
        @Nullable String leaseTokenHash,
        @Nullable Instant leaseExpiresAt,
        int claims,
        @Nullable String result,
        @Nullable String error,
        Instant createdAt,
        @Nullable Instant startedAt,
        @Nullable Instant endedAt,
        Instant updatedAt) {

    /** Whether the run has ended (completed, failed or cancelled). */
    public boolean ended() {
        return RunState.parse(state).ended();
    }

    /** This run handed to {@code worker} under a new lease. */
    RunRow claimedBy(String worker, String tokenHash, Instant expiresAt, Instant now) {
        return new RunRow(
                id,
                title,
                sessionId,
                createdBy,
                RunState.RUNNING.wire(),
                maxActions,
                maxDurationS,
                worker,
                tokenHash,
                expiresAt,
                claims + 1,
                result,
                error,
                createdAt,
                startedAt == null ? now : startedAt,
                endedAt,
                now);
    }

    /** This run with its lease running until {@code expiresAt}. */
    RunRow extendedTo(Instant expiresAt, Instant now) {
        return new RunRow(
                id,
                title,
                sessionId,
                createdBy,
                state,
                maxActions,
                maxDurationS,
                worker,
                leaseTokenHash,
                expiresAt,
                claims,
                result,
                error,
                createdAt,
                startedAt,
                endedAt,
                now);
    }

    /** This run back in the queue, without a lease. */
    RunRow released(Instant now) {
        return new RunRow(
                id,
                title,
                sessionId,
                createdBy,
                RunState.QUEUED.wire(),
                maxActions,
                maxDurationS,
                null,
                null,
                null,
                claims,
                result,
                error,
                createdAt,
                startedAt,
                endedAt,
                now);
    }

    /** This run ended in {@code state}, its lease given up. */
    RunRow endedAs(RunState state, @Nullable String result, @Nullable String error, Instant now) {
        return new RunRow(
                id,
                title,
                sessionId,
                createdBy,
                state.wire(),
                maxActions,
                maxDurationS,
                worker,
                null,
                null,
                claims,
                result,
                error,
                createdAt,
                startedAt,
                now,
                now);
    }
}
