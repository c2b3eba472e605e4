package dev.handrail.policy.node;

import dev.handrail.contracts.message.Heartbeat;
import dev.handrail.contracts.message.ScreenBounds;
import dev.handrail.policy.validation.NodeAvailability;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The executor nodes policy has heard from, each with its latest heartbeat. Liveness is judged
 * on this instance's clock at receipt, so a node's clock skew does not matter. Thread-safe: the
 * map is concurrent and holds immutable values, so a reader sees one whole heartbeat or another.
 */
@Singleton
public class NodeDirectory implements NodeAvailability {

    /** Interval assumed for a heartbeat that does not say its own. */
    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(2);

    private static final String NODE_KIND = "node";

    private final ConcurrentMap<String, NodeStatus> nodes = new ConcurrentHashMap<>();
    private final Clock clock;

    public NodeDirectory(Clock clock) {
        this.clock = clock;
    }

    /** Records a heartbeat; service heartbeats and malformed ones are ignored. */
    public void record(Heartbeat heartbeat) {
        if (!NODE_KIND.equals(heartbeat.kind()) || heartbeat.id() == null) {
            return;
        }
        Set<String> capabilities = heartbeat.node() == null || heartbeat.node().capabilities() == null
                ? Set.of()
                : Set.copyOf(heartbeat.node().capabilities());
        Duration interval = heartbeat.intervalMs() > 0 ? Duration.ofMillis(heartbeat.intervalMs()) : DEFAULT_INTERVAL;
        Map<String, String> labels =
                heartbeat.node() == null || heartbeat.node().labels() == null
                        ? Map.of()
                        : heartbeat.node().labels();
        List<String> roots = heartbeat.node() == null || heartbeat.node().workspaceRoots() == null
                ? List.of()
                : heartbeat.node().workspaceRoots().stream()
                        .filter(java.util.Objects::nonNull)
                        .toList();
        nodes.put(
                heartbeat.id(),
                new NodeStatus(
                        heartbeat.id(),
                        capabilities,
                        labels,
                        screen(heartbeat.node(), labels),
                        roots,
                        interval,
                        clock.instant()));
    }

    @Override
    public Optional<Set<String>> onlineCapabilities(String node) {
        Instant now = clock.instant();
        return Optional.ofNullable(node == null ? null : nodes.get(node))
                .filter(status -> status.onlineAt(now))
                .map(NodeStatus::capabilities);
    }

    @Override
    public List<String> workspaceRoots(String node) {
        return Optional.ofNullable(node == null ? null : nodes.get(node))
                .map(NodeStatus::workspaceRoots)
                .orElse(List.of());
    }

    @Override
    public Optional<ScreenBounds> screenBounds(String node) {
        return Optional.ofNullable(node == null ? null : nodes.get(node)).map(NodeStatus::screen);
    }

    /** The screen the heartbeat reports, else the one in its {@value ScreenBounds#LABEL} label, else null. */
    private static ScreenBounds screen(Heartbeat.NodeInfo info, Map<String, String> labels) {
        if (info != null
                && info.screen() != null
                && info.screen().width() > 0
                && info.screen().height() > 0) {
            return new ScreenBounds(
                    info.screen().x(),
                    info.screen().y(),
                    info.screen().width(),
                    info.screen().height());
        }
        return ScreenBounds.parse(labels.get(ScreenBounds.LABEL)).orElse(null);
    }

    /** Every node that is online now, by id. */
    public List<NodeStatus> online() {
        Instant now = clock.instant();
        return nodes.values().stream()
                .filter(status -> status.onlineAt(now))
                .sorted(Comparator.comparing(NodeStatus::id))
                .toList();
    }
}
