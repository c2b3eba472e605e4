package dev.handrail.audit.projection;

import dev.handrail.contracts.action.ActionView;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Folds action events into views with {@link ActionView#apply}: an event the state machine does
 * not allow from the current state leaves the view as it was. Such an event is "out of order" when
 * the view never entered its state either (an earlier event of the action has not been stored yet,
 * as happens when several audit instances share the feed or a failed batch is redelivered); those
 * actions are rebuilt from all their stored events, ordered along the state machine. Stateless.
 */
public final class ActionFold {

    private static final Logger LOG = LoggerFactory.getLogger(ActionFold.class);
    private static final Comparator<ProjectedEvent> ALONG_THE_STATE_MACHINE =
            Comparator.comparing(e -> e.event().state().ordinal());

    private ActionFold() {}

    /** The views a batch changed, and the actions that met an out-of-order event. */
    public record Folded(Map<String, ActionView> changed, Set<String> outOfOrder) {}

    /** An action's view rebuilt from its events, and how many of them still could not be folded. */
    public record Rebuilt(ActionView view, int outOfOrder) {}

    /**
     * Folds a batch, in order, onto the current views.
     *
     * @param before the current views of (some of) the events' actions; missing ones start empty
     */
    public static Folded fold(Map<String, ActionView> before, List<ProjectedEvent> events) {
        Map<String, ActionView> current = new LinkedHashMap<>();
        Set<String> outOfOrder = new HashSet<>();
        for (ProjectedEvent e : events) {
            String id = e.event().actionId();
            ActionView view = current.computeIfAbsent(id, k -> before.getOrDefault(k, ActionView.empty(k)));
            if (isOutOfOrder(view, e)) {
                outOfOrder.add(id);
            }
            current.put(id, applySafely(view, e));
        }
        current.entrySet()
                .removeIf(entry ->
                        entry.getValue().state() == null || entry.getValue().equals(before.get(entry.getKey())));
        return new Folded(current, outOfOrder);
    }

    /**
     * Folds all stored events of one action from an empty view, ordered along the state machine
     * (whose declaration order is a topological order of its moves) and then by seq.
     *
     * @param events the action's events in seq order
     */
    public static Rebuilt rebuild(String actionId, List<ProjectedEvent> events) {
        ActionView view = ActionView.empty(actionId);
        int outOfOrder = 0;
        for (ProjectedEvent e : events.stream().sorted(ALONG_THE_STATE_MACHINE).toList()) {
            if (isOutOfOrder(view, e)) {
                outOfOrder++;
            }
            view = applySafely(view, e);
        }
        return new Rebuilt(view, outOfOrder);
    }

    /** Refused by the state machine although the view never entered the event's state. */
    static boolean isOutOfOrder(ActionView view, ProjectedEvent e) {
        return view.state() != null
                && !view.state().canMoveTo(e.event().state())
                && !view.transitions().containsKey(e.event().state());
    }

    private static ActionView applySafely(ActionView view, ProjectedEvent e) {
        try {
            return view.apply(e.event(), e.at()).withTraceId(e.traceId());
        } catch (RuntimeException failure) {
            LOG.warn(
                    "Event {} of action {} cannot be folded into its view; the view stays as it was: {}",
                    e.event().state().wire(),
                    e.event().actionId(),
                    failure.toString());
            return view;
        }
    }
}
