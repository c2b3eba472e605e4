package dev.handrail.policy.run;

import java.util.Locale;

/** A run's state: {@code queued → running → completed | failed | cancelled}; a released lease returns it to queued. */
public enum RunState {
    QUEUED,
    RUNNING,
    COMPLETED,
    FAILED,
    CANCELLED;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean ended() {
        return this == COMPLETED || this == FAILED || this == CANCELLED;
    }

    public static RunState parse(String wire) {
        return valueOf(wire.toUpperCase(Locale.ROOT));
    }
}
