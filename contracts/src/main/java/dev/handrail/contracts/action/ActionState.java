package dev.handrail.contracts.action;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The states of an action and the legal moves between them. Every transition is one event; a
 * move not listed here is refused with {@link IllegalTransitionException}.
 */
public enum ActionState {
    PLANNED,
    VALIDATED,
    REJECTED,
    PENDING_APPROVAL,
    APPROVED,
    DENIED,
    EXPIRED,
    CANCELLED,
    EXECUTING,
    SUCCEEDED,
    FAILED,
    DEAD_LETTERED;

    private static final Map<ActionState, Set<ActionState>> NEXT = Map.ofEntries(
            Map.entry(PLANNED, EnumSet.of(VALIDATED, REJECTED)),
            Map.entry(VALIDATED, EnumSet.of(APPROVED, PENDING_APPROVAL, DENIED)),
            Map.entry(REJECTED, EnumSet.noneOf(ActionState.class)),
            Map.entry(PENDING_APPROVAL, EnumSet.of(APPROVED, DENIED, EXPIRED, CANCELLED)),
            Map.entry(APPROVED, EnumSet.of(EXECUTING, FAILED, DENIED)),
            Map.entry(DENIED, EnumSet.noneOf(ActionState.class)),
            Map.entry(EXPIRED, EnumSet.noneOf(ActionState.class)),
            Map.entry(CANCELLED, EnumSet.noneOf(ActionState.class)),
            Map.entry(EXECUTING, EnumSet.of(SUCCEEDED, FAILED)),
            Map.entry(SUCCEEDED, EnumSet.noneOf(ActionState.class)),
            Map.entry(FAILED, EnumSet.of(DEAD_LETTERED)),
            Map.entry(DEAD_LETTERED, EnumSet.noneOf(ActionState.class)));

    /** Wire name, e.g. {@code pending_approval}. */
    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses a wire name; empty for anything else. */
    public static Optional<ActionState> fromWire(String wire) {
        return Arrays.stream(values()).filter(s -> s.wire().equals(wire)).findFirst();
    }

    @JsonCreator
    static ActionState json(String wire) {
        return fromWire(wire).orElseThrow(() -> new IllegalArgumentException("Unknown action state: " + wire));
    }

    /** Whether the state machine allows moving from this state to {@code next}. */
    public boolean canMoveTo(ActionState next) {
        return next().contains(next);
    }

    /** Returns {@code next} if the move is legal, otherwise throws. */
    public ActionState moveTo(ActionState next) {
        if (!canMoveTo(next)) {
            throw new IllegalTransitionException(this, next);
        }
        return next;
    }

    /** No transition leaves a terminal state. {@code validated} is terminal only for a dry run. */
    public boolean isTerminal() {
        return next().isEmpty();
    }

    /**
     * Whether this state comes after {@code earlier} in some life cycle: it can be reached from
     * {@code earlier} by one or more transitions. A state never follows itself.
     */
    public boolean follows(ActionState earlier) {
        Set<ActionState> seen = EnumSet.noneOf(ActionState.class);
        ArrayDeque<ActionState> todo = new ArrayDeque<>(earlier.next());
        while (!todo.isEmpty()) {
            ActionState state = todo.pop();
            if (state == this) {
                return true;
            }
            if (seen.add(state)) {
                todo.addAll(state.next());
            }
        }
        return false;
    }

    /** The states that can follow this one. */
    public Set<ActionState> next() {
        return NEXT.getOrDefault(this, Set.of());
    }
}
