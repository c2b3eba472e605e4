package dev.handrail.executor.window;

import dev.handrail.executor.capability.Invocation;
import dev.handrail.executor.capability.Outcome;
import dev.handrail.executor.desktop.Desktop;
import dev.handrail.executor.desktop.DesktopCapability;
import dev.handrail.executor.desktop.DesktopWindow;
import dev.handrail.executor.desktop.Focus;
import dev.handrail.executor.desktop.WindowPort;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code window.list}: {@code windows}, the desktop's top-level windows with id, title, process
 * id, executable, rectangle and whether each has the focus. Stateless.
 */
@Singleton
public final class WindowListHandler extends DesktopCapability {

    public static final String INTENT = "window.list";

    public WindowListHandler(Desktop desktop) {
        super(desktop, INTENT, List.of(WindowPort.class));
    }

    @Override
    public Outcome run(Invocation invocation) throws InterruptedException {
        WindowPort port = port(WindowPort.class);
        List<DesktopWindow> windows = port.windows();
        Optional<DesktopWindow> active = port.activeWindow();
        List<Map<String, Object>> described = new ArrayList<>();
        for (DesktopWindow window : windows) {
            Map<String, Object> entry = new LinkedHashMap<>(window.describe());
            entry.put(
                    "focused",
                    active.map(a -> Objects.equals(a.id(), window.id())).orElse(false));
            described.add(entry);
        }
        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put("count", windows.size());
        evidence.put("focused", Focus.describe(active));
        return Outcome.succeeded(Map.of("windows", described), evidence);
    }
}
