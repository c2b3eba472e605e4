package dev.handrail.policy.node;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;

/** The latest heartbeat of one executor node: what it offers and when it was last heard from. */
public record NodeStatus(String id, Set<String> capabilities, Duration interval, Instant lastSeen) {

    /** Heartbeats a node may miss before it counts as offline. */
    public static final int MISSED_BEATS = 3;

    public NodeStatus {
        capabilities = Set.copyOf(capabilities);
    }

    /** Online while its last heartbeat is no older than {@value #MISSED_BEATS} intervals. */
    public boolean onlineAt(Instant now) {
        return !lastSeen.plus(interval.multipliedBy(MISSED_BEATS)).isBefore(now);
    }
}
