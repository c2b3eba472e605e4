package dev.handrail.executor.input;

import dev.handrail.contracts.error.ErrorCode;
import dev.handrail.executor.capability.Invocation;
import dev.handrail.executor.capability.Outcome;
import dev.handrail.executor.capability.Params;
import dev.handrail.executor.desktop.Desktop;
import dev.handrail.executor.desktop.DesktopCapability;
import dev.handrail.executor.desktop.DesktopWindow;
import dev.handrail.executor.desktop.Focus;
import dev.handrail.executor.desktop.Hotkey;
import dev.handrail.executor.desktop.InputPort;
import dev.handrail.executor.desktop.Key;
import dev.handrail.executor.desktop.WindowPort;
import jakarta.inject.Singleton;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code keyboard.hotkey}: presses keys together ({@link Hotkey}: in order, released in
 * reverse). Verified by the focus right after the keys went out: the window focused before must
 * still be, so the keys reached it (a window the hotkey itself opens afterwards does not count).
 * Stateless.
 */
@Singleton
public final class KeyboardHotkeyHandler extends DesktopCapability {

    public static final String INTENT = "keyboard.hotkey";

    public KeyboardHotkeyHandler(Desktop desktop) {
        super(desktop, INTENT, List.of(InputPort.class, WindowPort.class));
    }

    @Override
    public Outcome run(Invocation invocation) throws InterruptedException {
        List<Key> keys =
                Hotkey.parse(Params.of(INTENT, invocation).textOrTexts("keys").orElseThrow());
        WindowPort windows = port(WindowPort.class);
        Optional<DesktopWindow> before = windows.activeWindow();
        port(InputPort.class).press(keys);
        Optional<DesktopWindow> after = windows.activeWindow();
        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put("keys", Hotkey.describe(keys));
        evidence.put("window", Focus.describe(before));
        evidence.put("focused_after", Focus.describe(after));
        if (!Focus.same(before, after)) {
            return Outcome.failed(
                    ErrorCode.VERIFICATION_FAILED,
                    "The focus moved from " + Focus.name(before) + " to " + Focus.name(after) + " while "
                            + Hotkey.describe(keys) + " was pressed",
                    evidence);
        }
        Map<String, Object> output = new LinkedHashMap<>();
        output.put("keys", Hotkey.describe(keys));
        output.put("window", before.map(DesktopWindow::title).orElse(null));
        return Outcome.succeeded(output, evidence);
    }
}
