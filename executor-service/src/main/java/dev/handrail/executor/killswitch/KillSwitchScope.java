package dev.handrail.executor.killswitch;

import java.util.Optional;

/**
 * A kill-switch scope as policy names it: {@code global}, {@code capability:<intent>} or
 * {@code node:<id>}, and whether it covers a command for an intent on a node.
 */
public record KillSwitchScope(String kind, String value) {

    public static final String GLOBAL = "global";
    public static final String CAPABILITY = "capability";
    public static final String NODE = "node";

    /** The scope a string names, or empty when it is not one of the three forms. */
    public static Optional<KillSwitchScope> parse(String scope) {
        if (scope == null) {
            return Optional.empty();
        }
        if (GLOBAL.equals(scope)) {
            return Optional.of(new KillSwitchScope(GLOBAL, ""));
        }
        int colon = scope.indexOf(':');
        if (colon <= 0 || colon == scope.length() - 1) {
            return Optional.empty();
        }
        String kind = scope.substring(0, colon);
        if (!CAPABILITY.equals(kind) && !NODE.equals(kind)) {
            return Optional.empty();
        }
        return Optional.of(new KillSwitchScope(kind, scope.substring(colon + 1)));
    }

    /** Whether work for {@code intent} on {@code node} falls inside this scope. */
    public boolean covers(String intent, String node) {
        return switch (kind) {
            case GLOBAL -> true;
            case CAPABILITY -> value.equals(intent);
            case NODE -> value.equals(node);
            default -> false;
        };
    }

    @Override
    public String toString() {
        return GLOBAL.equals(kind) ? GLOBAL : kind + ":" + value;
    }
}
