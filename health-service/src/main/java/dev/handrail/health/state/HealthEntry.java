package dev.handrail.health.state;

import java.time.Instant;

/**
 * The state machine of one tracked entry: a failure moves it to {@code failed}; the first
 * success after that to {@code recovering}; {@code recoveryCount} further on-time successes in a
 * row to {@code healthy}. Not thread-safe: the registry that owns an entry guards it.
 */
public final class HealthEntry {

    private final String kind;
    private final int recoveryCount;
    private HealthState state = HealthState.HEALTHY;
    private int consecutiveFailures;
    private int recoveryStreak;
    private Instant lastOk;
    private String lastError;

    /**
     * @param kind          {@code service}, {@code node} or {@code infrastructure}
     * @param recoveryCount on-time successes while recovering before the entry is healthy again
     */
    public HealthEntry(String kind, int recoveryCount) {
        if (recoveryCount < 1) {
            throw new IllegalArgumentException("recoveryCount must be at least 1, was " + recoveryCount);
        }
        this.kind = kind;
        this.recoveryCount = recoveryCount;
    }

    /** An on-time success (a heartbeat in time, a probe that worked). */
    public void succeed(Instant now) {
        switch (state) {
            case FAILED -> enterRecovering();
            case RECOVERING -> {
                recoveryStreak++;
                if (recoveryStreak >= recoveryCount) {
                    state = HealthState.HEALTHY;
                    recoveryStreak = 0;
                }
            }
            case DEGRADED -> state = HealthState.HEALTHY;
            case HEALTHY -> {
                // stays healthy
            }
        }
        consecutiveFailures = 0;
        lastOk = now;
    }

    /** A success that came late: alive, but not counted towards recovery, and a healthy entry is degraded. */
    public void succeedLate(Instant now, String reason) {
        switch (state) {
            case FAILED -> enterRecovering();
            case RECOVERING -> recoveryStreak = 0;
            case HEALTHY, DEGRADED -> state = HealthState.DEGRADED;
        }
        consecutiveFailures = 0;
        lastOk = now;
        lastError = reason;
    }

    /** Answering, but later than expected: a healthy entry is degraded, a recovering one starts its streak again. */
    public void degrade(String reason) {
        if (state == HealthState.HEALTHY) {
            state = HealthState.DEGRADED;
        } else if (state == HealthState.RECOVERING) {
            recoveryStreak = 0;
        }
        lastError = reason;
    }

    /** One more failure in a row. */
    public void fail(String error) {
        failWith(error, consecutiveFailures + 1);
    }

    /** Failed, with the number of failures in a row counted by the caller (e.g. heartbeats missed). */
    public void failWith(String error, int failures) {
        state = HealthState.FAILED;
        recoveryStreak = 0;
        consecutiveFailures = Math.max(failures, 1);
        lastError = error;
    }

    public HealthState state() {
        return state;
    }

    public int consecutiveFailures() {
        return consecutiveFailures;
    }

    /** The entry as the summary shows it, with {@code detail} added by the owner. */
    public EntryView view(Object detail) {
        return new EntryView(state, kind, consecutiveFailures, lastOk, lastError, detail);
    }

    private void enterRecovering() {
        state = HealthState.RECOVERING;
        recoveryStreak = 0;
    }
}
