package dev.handrail.executor.node;

import dev.handrail.contracts.message.Heartbeat.NodeInfo;
import dev.handrail.executor.capability.CapabilityRegistry;
import dev.handrail.executor.sandbox.Sandbox;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/** What this node tells the others it offers: its platform, display, working capabilities, roots and labels. Immutable. */
public final class NodeDescription {

    private final NodeInfo info;

    public NodeDescription(CapabilityRegistry registry, Sandbox sandbox, Map<String, String> labels, String display) {
        this.info = new NodeInfo(os(), display == null || display.isBlank() ? null : display, registry.implementedIntents(),
                sandbox.roots().stream().map(Path::toString).toList(), Map.copyOf(labels == null ? Map.of() : labels));
    }

    public NodeInfo info() {
        return info;
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
