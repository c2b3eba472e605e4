package dev.handrail.policy.action;

import java.util.Arrays;
import java.util.Locale;

/**
 * Where an action stands as far as policy is concerned: how planning ended and, for one that
 * needed a person, what became of the approval.
 */
public enum PolicyActionState {
    /** Policy allowed it outright and sent it to its node. */
    ALLOWED,
    /** It failed validation. */
    REJECTED,
    /** A dry run that passed validation; nothing more happens. */
    VALIDATED,
    /** Waiting for a person. */
    PENDING,
    APPROVED,
    DENIED,
    EXPIRED,
    /** Withdrawn by its planner while it waited for a person. */
    CANCELLED;

    /** The value stored in {@code policy_actions.state}. */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses a stored value. */
    public static PolicyActionState fromWire(String wire) {
        return Arrays.stream(values())
                .filter(s -> s.wire().equals(wire))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("Unknown policy action state: " + wire));
    }
}
