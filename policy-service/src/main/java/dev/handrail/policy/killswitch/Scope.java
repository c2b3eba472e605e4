package dev.handrail.policy.killswitch;

import dev.handrail.contracts.Subjects;
import dev.handrail.contracts.capability.CapabilityCatalogue;
import java.util.Optional;

/** A kill-switch scope: {@code global}, {@code capability:<intent>} or {@code node:<id>}. Immutable. */
public record Scope(String wire) {

    public static final String GLOBAL = "global";
    private static final String CAPABILITY = "capability:";
    private static final String NODE = "node:";

    /** Parses a scope; empty when it is none of the three shapes or names an unknown capability. */
    public static Optional<Scope> parse(String wire) {
        if (wire == null) {
            return Optional.empty();
        }
        if (wire.equals(GLOBAL)
                || wire.startsWith(CAPABILITY)
                        && CapabilityCatalogue.find(wire.substring(CAPABILITY.length()))
                                .isPresent()
                || wire.startsWith(NODE) && Subjects.isToken(wire.substring(NODE.length()))) {
            return Optional.of(new Scope(wire));
        }
        return Optional.empty();
    }

    /** The scope of one capability. */
    public static Scope capability(String intent) {
        return new Scope(CAPABILITY + intent);
    }

    /** The scope of one node. */
    public static Scope node(String node) {
        return new Scope(NODE + node);
    }

    /** Whether an action of {@code intent} on {@code node} falls inside this scope. */
    public boolean covers(String intent, String node) {
        return wire.equals(GLOBAL) || wire.equals(CAPABILITY + intent) || wire.equals(NODE + node);
    }
}
