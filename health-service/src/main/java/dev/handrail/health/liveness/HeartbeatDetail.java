package dev.handrail.health.liveness;

import dev.handrail.contracts.message.Heartbeat;
import java.time.Instant;

/**
 * What the summary adds for a service instance or node: who sent the last heartbeat, when it
 * arrived, how often it promises one, and for a node what it offers.
 */
public record HeartbeatDetail(
        String service,
        String instanceId,
        Instant startedAt,
        Instant lastSeen,
        long intervalMs,
        Heartbeat.NodeInfo node) {}
