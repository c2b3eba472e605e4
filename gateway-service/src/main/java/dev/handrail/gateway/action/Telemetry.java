package dev.handrail.gateway.action;

import dev.handrail.contracts.action.ActionState;
import dev.handrail.contracts.action.ActionView;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * Where an action's time went, from the moment the gateway received it: planning, validation,
 * the policy decision, execution on the node, and in all. A phase not reached is null.
 */
public record Telemetry(Long planMs, Long validateMs, Long decideMs, Long executeMs, Long totalMs) {

    /** Derives the phases from the instants at which the view entered each state. */
    public static Telemetry of(ActionView view) {
        Map<ActionState, Instant> at = view.transitions();
        Instant received = view.receivedAt();
        Instant planned = at.get(ActionState.PLANNED);
        Instant validated = first(at, ActionState.VALIDATED, ActionState.REJECTED);
        Instant decided = first(at, ActionState.PENDING_APPROVAL, ActionState.APPROVED, ActionState.DENIED);
        Instant last = at.values().stream().max(Instant::compareTo).orElse(null);
        Long execute = view.execution() == null ? null : view.execution().durationMs();
        return new Telemetry(
                between(received, planned),
                between(planned, validated),
                between(validated, decided),
                execute,
                between(received, last));
    }

    private static Instant first(Map<ActionState, Instant> at, ActionState... states) {
        for (ActionState s : states) {
            if (at.containsKey(s)) {
                return at.get(s);
            }
        }
        return null;
    }

    private static Long between(Instant from, Instant to) {
        return from == null || to == null
                ? null
                : Math.max(0, Duration.between(from, to).toMillis());
    }
}
