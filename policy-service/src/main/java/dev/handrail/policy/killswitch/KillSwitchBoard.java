package dev.handrail.policy.killswitch;

import jakarta.inject.Singleton;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * This instance's view of the kill switch: the latest state of each scope, fed by the change
 * events every instance hears and by periodic reads of the table. A state older than the one
 * held is ignored, so the order in which events and reads arrive does not matter. Thread-safe:
 * one concurrent map of immutable states, changed per scope atomically.
 */
@Singleton
public class KillSwitchBoard {

    private final ConcurrentMap<String, KillSwitchState> scopes = new ConcurrentHashMap<>();

    /** Takes {@code state} unless a newer one for its scope is already held. */
    public void apply(KillSwitchState state) {
        scopes.merge(
                state.scope(),
                state,
                (held, incoming) -> incoming.changedAt().isBefore(held.changedAt()) ? held : incoming);
    }

    /** The engaged scope that covers an action of {@code intent} on {@code node}, if any (global first). */
    public Optional<KillSwitchState> covering(String intent, String node) {
        return engaged().stream()
                .filter(s -> new Scope(s.scope()).covers(intent, node))
                .findFirst();
    }

    /** Every engaged scope, global first, then by name. */
    public List<KillSwitchState> engaged() {
        return scopes.values().stream()
                .filter(KillSwitchState::engaged)
                .sorted(Comparator.comparing((KillSwitchState s) -> !s.scope().equals(Scope.GLOBAL))
                        .thenComparing(KillSwitchState::scope))
                .toList();
    }
}
