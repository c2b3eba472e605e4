package dev.handrail.contracts.error;

import java.util.Locale;

/** Whom an error blames, which decides whether it says anything about a node's or the system's health. */
public enum Blame {
    /** The caller's mistake, or a command refused or failing on its own terms: says nothing about health. */
    REQUEST,
    /** The executor or its desktop failed, ran out of time or is gone: counts against the node. */
    NODE,
    /** NATS, PostgreSQL or another service did not answer: counts against the system. */
    INFRASTRUCTURE;

    /** Wire and docs name, e.g. {@code node}. */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Whether a failure with this blame feeds circuit breakers (only node and infrastructure failures do). */
    public boolean tripsBreakers() {
        return this != REQUEST;
    }
}
