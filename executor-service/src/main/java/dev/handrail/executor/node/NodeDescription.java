package dev.handrail.executor.node;

import dev.handrail.contracts.message.Heartbeat.NodeInfo;
import dev.handrail.contracts.message.ScreenBounds;
import dev.handrail.executor.capability.CapabilityRegistry;
import dev.handrail.executor.desktop.Desktop;
import dev.handrail.executor.desktop.InputPort;
import dev.handrail.executor.desktop.ScreenPort;
import dev.handrail.executor.sandbox.Sandbox;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What this node tells the others it offers: its platform, display, the capabilities that work
 * now (a desktop that went away takes its capabilities with it), the virtual screen (so policy can
 * check mouse coordinates), roots and labels. Read afresh for every heartbeat; holds only
 * immutable collaborators, so safe to call from any thread.
 */
public final class NodeDescription {

    private static final Logger LOG = LoggerFactory.getLogger(NodeDescription.class);

    private final CapabilityRegistry registry;
    private final List<String> roots;
    private final Map<String, String> labels;
    private final Desktop desktop;

    public NodeDescription(CapabilityRegistry registry, Sandbox sandbox, Map<String, String> labels, Desktop desktop) {
        this.registry = registry;
        this.roots = sandbox.roots().stream().map(Path::toString).toList();
        this.labels = Map.copyOf(labels == null ? Map.of() : labels);
        this.desktop = desktop;
    }

    public NodeInfo info() {
        return new NodeInfo(os(), desktop.display(), registry.implementedIntents(), roots, labels, screen());
    }

    private ScreenBounds screen() {
        // The bounds are there for policy to check mouse coordinates, so they are told only where clicks work.
        Optional<ScreenPort> screen = desktop.port(ScreenPort.class)
                .filter(port -> port.availability().available());
        if (screen.isEmpty() || !desktop.availability(InputPort.class).available()) {
            return null;
        }
        try {
            return screen.get().screen();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        } catch (RuntimeException e) {
            LOG.debug("No screen bounds for the heartbeat: {}", e.getMessage());
            return null;
        }
    }

    /** {@code linux}, {@code windows}, {@code macos}, or the JVM's own name for anything else. */
    static String os() {
        String name = System.getProperty("os.name", "unknown").toLowerCase(Locale.ROOT);
        if (name.startsWith("windows")) {
            return "windows";
        }
        if (name.startsWith("mac")) {
            return "macos";
        }
        return name.startsWith("linux") ? "linux" : name;
    }
}
