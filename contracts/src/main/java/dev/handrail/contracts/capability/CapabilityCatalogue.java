package dev.handrail.contracts.capability;

import static dev.handrail.contracts.capability.RiskLevel.HIGH;
import static dev.handrail.contracts.capability.RiskLevel.LOW;
import static dev.handrail.contracts.capability.RiskLevel.MEDIUM;
import static dev.handrail.contracts.capability.RiskLevel.SAFE;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** The 13 capabilities Handrail knows (docs/capabilities.md shows them as a table). Immutable. */
public final class CapabilityCatalogue {

    private static final long SECOND = 1_000;
    private static final Map<String, Capability> BY_INTENT = new LinkedHashMap<>();

    static {
        add("file.read", SAFE, false, List.of("filesystem", "readonly"), List.of("path"), List.of(), 30, true, false);
        add("file.write", MEDIUM, true, List.of("filesystem", "write"), List.of("path", "content"), List.of(), 30, false, false, "content");
        add("shell.run", MEDIUM, true, List.of("shell", "compute"), List.of("command"), List.of(), 300, false, false);
        add("browser.open", LOW, true, List.of("browser", "network"), List.of("url"), List.of(), 30, false, true);
        add("app.launch", MEDIUM, true, List.of("desktop", "app"), List.of("target"), List.of("args", "working_dir"), 60, false, true);
        add("app.close", HIGH, true, List.of("desktop", "app"), List.of("target"), List.of("force"), 30, false, true);
        add("window.focus", SAFE, false, List.of("desktop", "window"), List.of("title"), List.of(), 10, true, true);
        add("window.list", SAFE, false, List.of("desktop", "window", "readonly"), List.of(), List.of(), 10, true, true);
        add("keyboard.type", HIGH, true, List.of("desktop", "input"), List.of("text"), List.of("delay_ms"), 60, false, true, "text");
        add("keyboard.hotkey", HIGH, true, List.of("desktop", "input"), List.of("keys"), List.of(), 10, false, true);
        add("mouse.click", HIGH, true, List.of("desktop", "input"), List.of("x", "y"), List.of("button", "clicks"), 10, false, true);
        add("clipboard.read", SAFE, false, List.of("desktop", "clipboard", "readonly"), List.of(), List.of(), 10, true, true);
        add("clipboard.write", LOW, false, List.of("desktop", "clipboard"), List.of("text"), List.of(), 10, true, true, "text");
    }

    private CapabilityCatalogue() {
    }

    private static void add(String intent, RiskLevel risk, boolean approval, List<String> tags, List<String> required,
                            List<String> optional, long maxSeconds, boolean idempotent, boolean desktop,
                            String... sensitive) {
        long max = maxSeconds * SECOND;
        BY_INTENT.put(intent, new Capability(intent, risk, approval, tags, required, optional,
                100, Math.min(10 * SECOND, max), max, idempotent, desktop, Set.of(sensitive)));
    }

    /** The capability for an intent, if Handrail knows it. */
    public static Optional<Capability> find(@Nullable String intent) {
        return intent == null ? Optional.empty() : Optional.ofNullable(BY_INTENT.get(intent));
    }

    /** All capabilities in catalogue order. */
    public static List<Capability> all() {
        return List.copyOf(BY_INTENT.values());
    }
}
