package dev.handrail.policy.breaker;

import dev.handrail.contracts.message.BreakerStateChanged;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The latest state of every circuit breaker health has announced, by name ({@code node:<id>} or
 * {@code node:<id>:<intent>}). A transition older than the one held is ignored, so replayed and
 * live transitions may arrive in any order. Thread-safe: a concurrent map of immutable events.
 */
@Singleton
public class BreakerBoard {

    /** The state in which a breaker stops actions. */
    public static final String OPEN = "open";

    private final ConcurrentMap<String, BreakerStateChanged> breakers = new ConcurrentHashMap<>();

    /** Takes a transition unless a newer one for the same breaker is held. */
    public void apply(BreakerStateChanged change) {
        if (change.name() == null || change.state() == null || change.at() == null) {
            return;
        }
        breakers.merge(change.name(), change, (held, incoming) -> incoming.at().isBefore(held.at()) ? held : incoming);
    }

    /** The name of an open breaker for {@code node} or for {@code node} and {@code intent}, if one is open. */
    public Optional<String> open(String node, String intent) {
        return List.of("node:" + node, "node:" + node + ":" + intent).stream()
                .filter(name -> {
                    BreakerStateChanged held = breakers.get(name);
                    return held != null && OPEN.equals(held.state());
                })
                .findFirst();
    }

    /** The state of one breaker, if health ever announced it. */
    public Optional<String> state(String name) {
        return Optional.ofNullable(breakers.get(name)).map(BreakerStateChanged::state);
    }
}
