package dev.handrail.contracts.message;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * "I am alive", sent every few seconds by each service instance ({@code kind = service}) and
 * each executor node ({@code kind = node}, with what the node offers). Not an action message:
 * travels on core NATS under {@code handrail.v1.heartbeat.<kind>.<id>}.
 */
public record Heartbeat(
        String kind,
        String id,
        String service,
        Instant startedAt,
        Instant sentAt,
        long intervalMs,
        @Nullable NodeInfo node) {

    /**
     * What an executor node offers.
     *
     * @param screen the desktop's virtual screen, or null without a desktop session (optional;
     *               policy checks mouse coordinates against it)
     */
    public record NodeInfo(
            String os,
            String display,
            List<String> capabilities,
            List<String> workspaceRoots,
            Map<String, String> labels,
            @Nullable ScreenBounds screen) {

        /** A node without a known screen (no desktop session, or a sender that predates the field). */
        public NodeInfo(
                String os,
                String display,
                List<String> capabilities,
                List<String> workspaceRoots,
                Map<String, String> labels) {
            this(os, display, capabilities, workspaceRoots, labels, null);
        }
    }
}
