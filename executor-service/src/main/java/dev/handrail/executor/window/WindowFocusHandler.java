package dev.handrail.executor.window;

import dev.handrail.contracts.error.ErrorCode;
import dev.handrail.executor.capability.Invocation;
import dev.handrail.executor.capability.Outcome;
import dev.handrail.executor.capability.Params;
import dev.handrail.executor.desktop.Desktop;
import dev.handrail.executor.desktop.DesktopCapability;
import dev.handrail.executor.desktop.DesktopProperties;
import dev.handrail.executor.desktop.DesktopWindow;
import dev.handrail.executor.desktop.Focus;
import dev.handrail.executor.desktop.WindowMatcher;
import dev.handrail.executor.desktop.WindowPort;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code window.focus}: finds the window a title means ({@link WindowMatcher}), asks for it to be
 * focused, and verifies it: the foreground window must become that window within the focus wait
 * ({@code VERIFICATION_FAILED} otherwise, with the window that has the focus instead). Stateless.
 */
@Singleton
public final class WindowFocusHandler extends DesktopCapability {

    public static final String INTENT = "window.focus";
    private static final Duration POLL = Duration.ofMillis(25);

    private final Duration focusWait;

    @Inject
    public WindowFocusHandler(Desktop desktop, DesktopProperties properties) {
        this(desktop, properties.getFocusWait());
    }

    public WindowFocusHandler(Desktop desktop, Duration focusWait) {
        super(desktop, INTENT, List.of(WindowPort.class));
        this.focusWait = focusWait;
    }

    @Override
    public Outcome run(Invocation invocation) throws InterruptedException {
        String title = Params.of(INTENT, invocation).text("title");
        WindowPort windows = port(WindowPort.class);
        DesktopWindow window = WindowMatcher.byTitle(windows.windows(), title);
        windows.activate(window);
        Duration wait = focusWait.compareTo(invocation.timeout()) < 0 ? focusWait : invocation.timeout();
        long deadline = System.nanoTime() + wait.toNanos();
        Optional<DesktopWindow> foreground = windows.activeWindow();
        while (!Focus.same(foreground, Optional.of(window)) && System.nanoTime() < deadline) {
            Thread.sleep(POLL);
            foreground = windows.activeWindow();
        }
        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put("window", window.describe());
        evidence.put("foreground", Focus.describe(foreground));
        if (!Focus.same(foreground, Optional.of(window))) {
            return Outcome.failed(
                    ErrorCode.VERIFICATION_FAILED,
                    "Asked to focus " + Focus.name(Optional.of(window)) + " but after " + wait.toMillis()
                            + " ms the foreground window is " + Focus.name(foreground),
                    evidence);
        }
        return Outcome.succeeded(window.describe(), evidence);
    }
}
