package dev.handrail.health.metrics;

import dev.handrail.contracts.action.Decision;
import dev.handrail.contracts.action.Execution;
import dev.handrail.contracts.capability.CapabilityCatalogue;
import dev.handrail.contracts.message.ActionApproved;
import dev.handrail.contracts.message.ActionCancelled;
import dev.handrail.contracts.message.ActionDeadLettered;
import dev.handrail.contracts.message.ActionDenied;
import dev.handrail.contracts.message.ActionEvent;
import dev.handrail.contracts.message.ActionFailed;
import dev.handrail.contracts.message.ActionPlanned;
import dev.handrail.contracts.message.ActionRejected;
import dev.handrail.contracts.message.ActionSucceeded;
import dev.handrail.contracts.message.ApprovalExpired;
import dev.handrail.contracts.message.ApprovalRequested;
import dev.handrail.contracts.message.ExecutionStarted;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The life of actions as meters, from the action events the health leader reads (every event of
 * every action, one reader, so nothing is counted twice): actions planned, decided and finished by
 * intent, decision effect, reason, outcome and error code; the time of each hop (decide, approval
 * wait, dispatch, execute) and end to end, from the events' own times; approvals expired; how long
 * each capability ran. Intents the catalogue does not know are counted as {@code unknown}, so a
 * client cannot grow the label set. The times of actions still under way are kept for at most
 * {@link #TRACKED} actions (the oldest forgotten first). Thread-safe: one caller at a time
 * (synchronized).
 */
@Singleton
public class ActionMetrics {

    /** Actions whose earlier event times are kept to measure their hops. */
    static final int TRACKED = 50_000;

    static final String UNKNOWN = "unknown";
    static final String NONE = "none";

    /** The hops of an action between two of its events. */
    enum Hop {
        DECIDE,
        APPROVAL,
        DISPATCH,
        EXECUTE
    }

    /** Event times of one action still under way. */
    private static final class Times {
        Instant planned;
        Instant pending;
        Instant approved;
        Instant executing;
    }

    private final MeterRegistry registry;
    private final Map<Hop, Timer> hops = new EnumMap<>(Hop.class);
    private final Counter expired;
    private final Map<String, Times> underWay = new LinkedHashMap<>(1024, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Times> eldest) {
            return size() > TRACKED;
        }
    };

    public ActionMetrics(MeterRegistry registry) {
        this.registry = registry;
        for (Hop hop : Hop.values()) {
            hops.put(
                    hop,
                    Timer.builder("handrail.action.hop")
                            .description("Time between two events of an action: decide (planned to decided), approval"
                                    + " (pending to decided by a person or expired), dispatch (approved to executing),"
                                    + " execute (executing to finished)")
                            .tag("hop", hop.name().toLowerCase(java.util.Locale.ROOT))
                            .publishPercentileHistogram()
                            .register(registry));
        }
        expired = Counter.builder("handrail.approvals.expired")
                .description("Approvals that expired before anyone decided")
                .register(registry);
    }

    /** Counts one action event that happened at {@code time}. */
    public synchronized void record(ActionEvent event, Instant time) {
        String intent = intent(event.intent());
        switch (event) {
            case ActionPlanned p -> {
                counter("handrail.actions.planned", "Actions planned", "intent", intent)
                        .increment();
                times(p.actionId()).planned = time;
            }
            case ApprovalRequested r -> {
                decided(intent, r.decision());
                Times t = times(r.actionId());
                hop(Hop.DECIDE, t.planned, time);
                t.pending = time;
            }
            case ActionApproved a -> {
                Times t = times(a.actionId());
                if (t.pending != null) {
                    hop(Hop.APPROVAL, t.pending, time);
                } else {
                    decided(intent, a.decision());
                    hop(Hop.DECIDE, t.planned, time);
                }
                t.approved = time;
            }
            case ActionDenied d -> {
                Times t = underWay.get(d.actionId());
                if (t != null && t.pending != null) {
                    hop(Hop.APPROVAL, t.pending, time);
                } else {
                    decided(intent, d.decision());
                    hop(Hop.DECIDE, t == null ? null : t.planned, time);
                }
                finished(d.actionId(), intent, "denied", NONE, time);
            }
            case ApprovalExpired e -> {
                expired.increment();
                Times t = underWay.get(e.actionId());
                hop(Hop.APPROVAL, t == null ? null : t.pending, time);
                finished(e.actionId(), intent, "expired", NONE, time);
            }
            case ActionRejected r ->
                finished(
                        r.actionId(),
                        intent,
                        "rejected",
                        r.error().code() == null ? NONE : r.error().code(),
                        time);
            case ActionCancelled c -> finished(c.actionId(), intent, "cancelled", NONE, time);
            case ExecutionStarted s -> {
                Times t = times(s.actionId());
                hop(Hop.DISPATCH, t.approved, time);
                t.executing = time;
            }
            case ActionSucceeded s -> {
                ran(intent, "succeeded", s.execution());
                executed(s.actionId(), time);
                finished(s.actionId(), intent, "succeeded", NONE, time);
            }
            case ActionFailed f -> {
                String code = f.execution() == null || f.execution().errorCode() == null
                        ? NONE
                        : f.execution().errorCode();
                ran(intent, "failed", f.execution());
                executed(f.actionId(), time);
                finished(f.actionId(), intent, "failed", code, time);
            }
            case ActionDeadLettered d ->
                counter("handrail.actions.dead_lettered", "Failed actions kept as dead letters", "intent", intent)
                        .increment();
            default -> {
                // validated: the decision that follows is what is counted
            }
        }
    }

    private void decided(String intent, Decision decision) {
        Counter.builder("handrail.actions.decided")
                .description("Actions decided by policy, by effect and first reason")
                .tag("intent", intent)
                .tag("effect", decision.effect().wire())
                .tag(
                        "reason",
                        decision.reasons().isEmpty() ? NONE : decision.reasons().getFirst())
                .register(registry)
                .increment();
    }

    private void executed(String actionId, Instant time) {
        Times t = underWay.get(actionId);
        hop(Hop.EXECUTE, t == null ? null : t.executing, time);
    }

    private void ran(String intent, String outcome, Execution execution) {
        if (execution == null) {
            return;
        }
        Timer.builder("handrail.capability.duration")
                .description("How long the executor ran a capability, as it reported")
                .tag("intent", intent)
                .tag("outcome", outcome)
                .publishPercentileHistogram()
                .register(registry)
                .record(Duration.ofMillis(Math.max(0, execution.durationMs())));
    }

    private void finished(String actionId, String intent, String outcome, String errorCode, Instant time) {
        Counter.builder("handrail.actions.finished")
                .description("Actions that reached an end state, by outcome and error code")
                .tag("intent", intent)
                .tag("outcome", outcome)
                .tag("error_code", errorCode)
                .register(registry)
                .increment();
        Times t = underWay.remove(actionId);
        if (t != null && t.planned != null) {
            Timer.builder("handrail.action.end_to_end")
                    .description("From planned to the end state, by outcome")
                    .tag("outcome", outcome)
                    .publishPercentileHistogram()
                    .register(registry)
                    .record(between(t.planned, time));
        }
    }

    private void hop(Hop hop, Instant from, Instant to) {
        if (from != null) {
            hops.get(hop).record(between(from, to));
        }
    }

    private Times times(String actionId) {
        return underWay.computeIfAbsent(actionId, id -> new Times());
    }

    private Counter counter(String name, String description, String tag, String value) {
        return Counter.builder(name).description(description).tag(tag, value).register(registry);
    }

    private static Duration between(Instant from, Instant to) {
        Duration d = Duration.between(from, to);
        return d.isNegative() ? Duration.ZERO : d;
    }

    /** The intent as a label: one the catalogue knows, else {@value #UNKNOWN}. */
    static String intent(String intent) {
        return CapabilityCatalogue.find(intent).isPresent() ? intent : UNKNOWN;
    }
}
