package dev.handrail.policy.node;

import dev.handrail.contracts.message.ScreenBounds;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The latest heartbeat of one executor node: what it offers, its labels, its virtual screen (null
 * when it reported none), its workspace roots and when it was last heard from.
 */
public record NodeStatus(
        String id,
        Set<String> capabilities,
        Map<String, String> labels,
        ScreenBounds screen,
        List<String> workspaceRoots,
        Duration interval,
        Instant lastSeen) {

    /** Heartbeats a node may miss before it counts as offline. */
    public static final int MISSED_BEATS = 3;

    public NodeStatus {
        capabilities = Set.copyOf(capabilities);
        labels = labels == null ? Map.of() : Map.copyOf(labels);
        workspaceRoots = workspaceRoots == null ? List.of() : List.copyOf(workspaceRoots);
    }

    /** Online while its last heartbeat is no older than {@value #MISSED_BEATS} intervals. */
    public boolean onlineAt(Instant now) {
        return !lastSeen.plus(interval.multipliedBy(MISSED_BEATS)).isBefore(now);
    }
}
