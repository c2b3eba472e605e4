package dev.handrail.executor.input;

import dev.handrail.contracts.capability.Arguments;
import dev.handrail.contracts.error.ErrorCode;
import dev.handrail.contracts.message.ScreenBounds;
import dev.handrail.executor.capability.Invocation;
import dev.handrail.executor.capability.Outcome;
import dev.handrail.executor.capability.Params;
import dev.handrail.executor.desktop.Desktop;
import dev.handrail.executor.desktop.DesktopCapability;
import dev.handrail.executor.desktop.DesktopException;
import dev.handrail.executor.desktop.DesktopWindow;
import dev.handrail.executor.desktop.Focus;
import dev.handrail.executor.desktop.InputPort;
import dev.handrail.executor.desktop.MouseButton;
import dev.handrail.executor.desktop.ScreenPort;
import dev.handrail.executor.desktop.WindowPort;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code mouse.click}: clicks at a point of the virtual screen (refused outside it). The target
 * window is the topmost one under the point. Verified by the focus right after the click: it must
 * be on the target window (a click focuses what it hits) or still where it was; focus anywhere
 * else means something else took it. Stateless.
 */
@Singleton
public final class MouseClickHandler extends DesktopCapability {

    public static final String INTENT = "mouse.click";
    private static final Duration FOCUS_SETTLE = Duration.ofMillis(500);
    private static final Duration FOCUS_POLL = Duration.ofMillis(25);

    public MouseClickHandler(Desktop desktop) {
        super(desktop, INTENT, List.of(InputPort.class, ScreenPort.class, WindowPort.class));
    }

    @Override
    public Outcome run(Invocation invocation) throws InterruptedException {
        Arguments params = Params.of(INTENT, invocation);
        int x = (int) params.whole("x");
        int y = (int) params.whole("y");
        MouseButton button = MouseButton.parse(params.choice("button"));
        int clicks = (int) params.whole("clicks");
        ScreenBounds screen = port(ScreenPort.class).screen();
        if (!screen.contains(x, y)) {
            throw new DesktopException(
                    ErrorCode.COORDINATES_OUT_OF_BOUNDS,
                    "(" + x + ", " + y + ") is outside the " + "virtual screen (" + screen.x() + ", " + screen.y()
                            + ", " + screen.width() + "x" + screen.height() + ")");
        }
        WindowPort windows = port(WindowPort.class);
        Optional<DesktopWindow> target = windows.windowAt(x, y);
        Optional<DesktopWindow> before = windows.activeWindow();
        port(InputPort.class).click(x, y, button, clicks);
        Optional<DesktopWindow> after = settledFocus(windows, target, before);
        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put("x", x);
        evidence.put("y", y);
        evidence.put("button", button.wire());
        evidence.put("clicks", clicks);
        evidence.put("window", Focus.describe(target));
        evidence.put("focused_before", Focus.describe(before));
        evidence.put("focused_after", Focus.describe(after));
        if (!Focus.same(after, target) && !Focus.same(after, before)) {
            return Outcome.failed(
                    ErrorCode.VERIFICATION_FAILED,
                    "After clicking " + Focus.name(target) + " the focus is on " + Focus.name(after)
                            + ", neither the clicked window nor the one focused before",
                    evidence);
        }
        Map<String, Object> output = new LinkedHashMap<>();
        output.put("x", x);
        output.put("y", y);
        output.put("window", target.map(DesktopWindow::title).orElse(null));
        return Outcome.succeeded(output, evidence);
    }

    /**
     * The focused window once a click's focus change has settled: a window manager moves the
     * focus asynchronously and may show no window focused for a moment, so the check is repeated
     * for up to {@link #FOCUS_SETTLE} before the click counts as having gone astray.
     */
    private static Optional<DesktopWindow> settledFocus(
            WindowPort windows, Optional<DesktopWindow> target, Optional<DesktopWindow> before)
            throws InterruptedException {
        long deadline = System.nanoTime() + FOCUS_SETTLE.toNanos();
        Optional<DesktopWindow> after = windows.activeWindow();
        while (!Focus.same(after, target) && !Focus.same(after, before) && System.nanoTime() < deadline) {
            Thread.sleep(FOCUS_POLL.toMillis());
            after = windows.activeWindow();
        }
        return after;
    }
}
