package dev.handrail.gateway.action;

import dev.handrail.contracts.action.ActionState;
import dev.handrail.contracts.action.ActionView;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The latest view of each recent action this gateway instance has answered with, so a later read
 * never answers an earlier state than a client has already seen: the audit projection, which
 * answers reads, may lag the feed the gateway answers plans and decisions from. Bounded (the most
 * recent {@link #CAPACITY} actions, each for {@link #KEEP}); thread-safe.
 */
@Singleton
public class AnsweredViews {

    static final int CAPACITY = 10_000;
    static final Duration KEEP = Duration.ofMinutes(10);

    private record Answered(ActionView view, Instant at) {}

    private final Clock clock;
    private final Map<String, Answered> byAction = new LinkedHashMap<>(1024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Answered> eldest) {
            return size() > CAPACITY;
        }
    };

    public AnsweredViews() {
        this(Clock.systemUTC());
    }

    AnsweredViews(Clock clock) {
        this.clock = clock;
    }

    /** Notes a view a client was answered with, unless a later state of the action was answered before. */
    public synchronized void answered(ActionView view) {
        if (view == null || view.actionId() == null || view.state() == null) {
            return;
        }
        Answered known = byAction.get(view.actionId());
        if (known == null) {
            byAction.put(view.actionId(), new Answered(view, clock.instant()));
        } else if (isBehind(known.view(), view) || known.view().state() == view.state()) {
            // A decision's answer is folded from its own events only: what was known before stays.
            byAction.put(view.actionId(), new Answered(known.view().overlay(view), clock.instant()));
        }
    }

    /**
     * The view answered before, when {@code read} (what the projection holds now, empty when it
     * does not know the action yet) is behind it.
     */
    public synchronized Optional<ActionView> aheadOf(String actionId, Optional<ActionView> read) {
        Answered known = byAction.get(actionId);
        if (known == null) {
            return Optional.empty();
        }
        if (known.at().plus(KEEP).isBefore(clock.instant())) {
            byAction.remove(actionId);
            return Optional.empty();
        }
        boolean behind = read.isEmpty() || read.get().state() == null || isBehind(read.get(), known.view());
        return behind ? Optional.of(known.view()) : Optional.empty();
    }

    private static boolean isBehind(ActionView read, ActionView answered) {
        ActionState now = read.state();
        return answered.state() != null && now != null && answered.state().follows(now);
    }
}
