package dev.handrail.executor.desktop.x11;

import com.sun.jna.NativeLong;
import com.sun.jna.platform.unix.X11;
import dev.handrail.contracts.error.ErrorCode;
import dev.handrail.contracts.message.ScreenBounds;
import dev.handrail.executor.capability.Availability;
import dev.handrail.executor.desktop.AppPort;
import dev.handrail.executor.desktop.BrowserPort;
import dev.handrail.executor.desktop.Capture;
import dev.handrail.executor.desktop.CaptureArea;
import dev.handrail.executor.desktop.ClipboardPort;
import dev.handrail.executor.desktop.Desktop;
import dev.handrail.executor.desktop.DesktopException;
import dev.handrail.executor.desktop.DesktopPort;
import dev.handrail.executor.desktop.DesktopThread;
import dev.handrail.executor.desktop.DesktopWindow;
import dev.handrail.executor.desktop.InputPort;
import dev.handrail.executor.desktop.Key;
import dev.handrail.executor.desktop.MouseButton;
import dev.handrail.executor.desktop.NoDesktop;
import dev.handrail.executor.desktop.ProcessLauncher;
import dev.handrail.executor.desktop.ScreenPort;
import dev.handrail.executor.desktop.WindowPort;
import dev.handrail.executor.program.ProgramResolver;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Linux desktop through Xlib and XTest over JNA. Every X call runs on one dedicated thread
 * (Xlib connections are not shared between threads), which also answers other applications'
 * clipboard requests between calls, so the text the executor put on the clipboard stays
 * pasteable; closing hands that text to a clipboard manager if one runs. A click must fall on a
 * monitor RandR reports, not only inside the root window. X protocol errors are caught
 * ({@link ErrorTrap}) and a broken connection marks the desktop unavailable instead of ending the
 * process. Programs and the URL opener start with {@code DISPLAY} set to this display.
 *
 * <p>The backend is itself the screen, window, clipboard and application port: they work exactly
 * while the connection does. Input is a port of its own because it exists only when the server
 * has the XTest extension; the browser port because it also needs the URL opener installed.
 * Thread-safe.
 */
public final class X11Desktop implements Desktop, ScreenPort, WindowPort, ClipboardPort, AppPort {

    private static final Logger LOG = LoggerFactory.getLogger(X11Desktop.class);
    private static final Duration PUMP_EVERY = Duration.ofMillis(10);
    /** How long borrowed key codes keep their mapping after the last typing, for slow clients. */
    private static final Duration KEYMAP_RESTORE_AFTER = Duration.ofSeconds(2);
    /** How long taking the clipboard may wait for the server's time. */
    private static final Duration CLIPBOARD_WRITE_WAIT = Duration.ofSeconds(5);
    /** How long closing waits for a clipboard manager to take the text. */
    private static final Duration CLIPBOARD_HAND_OFF_WAIT = Duration.ofSeconds(3);

    private static final int[] BUTTONS = {1, 2, 3};

    private final DesktopThread thread;
    private final X11Connection c;
    private final X11Windows windows;
    private final X11Keyboard keyboard;
    /** Null when the server has no XTest extension. */
    private final InputPort input;

    private final BrowserPort browser;
    private final X11Clipboard clipboard;
    private final X11ScreenCapture screenCapture;
    private final ProcessLauncher launcher;
    private final String urlOpener;
    private final ProgramResolver resolver;
    private ScheduledFuture<?> keymapRestore;

    private X11Desktop(DesktopThread thread, X11Connection c, String urlOpener, ProgramResolver resolver) {
        this.thread = thread;
        this.c = c;
        this.windows = new X11Windows(c);
        this.keyboard = c.xtest == null ? null : new X11Keyboard(c);
        this.clipboard = new X11Clipboard(c);
        this.screenCapture = new X11ScreenCapture(c);
        this.launcher = new ProcessLauncher(Map.of("DISPLAY", c.name));
        this.urlOpener = urlOpener;
        this.resolver = resolver;
        this.input = keyboard == null ? null : new Input();
        this.browser = new Browser();
    }

    /**
     * Connects to an X display, or returns a {@link NoDesktop} saying why it cannot.
     *
     * @param display   the display name, e.g. {@code :0}; null or blank means there is none
     * @param urlOpener the program that opens URLs ({@code xdg-open})
     */
    public static Desktop open(String display, String urlOpener, ProgramResolver resolver) {
        if (display == null || display.isBlank()) {
            return new NoDesktop("DISPLAY is not set");
        }
        DesktopThread thread = new DesktopThread("x11-" + display);
        try {
            X11Desktop desktop =
                    thread.call(() -> new X11Desktop(thread, X11Connection.open(display), urlOpener, resolver));
            thread.every(PUMP_EVERY, desktop::pump);
            LOG.info(
                    "Desktop: X display {} ({}x{}), XTest {}",
                    display,
                    desktop.width(),
                    desktop.height(),
                    desktop.keyboard == null ? "missing: no keyboard or mouse" : "present");
            return desktop;
        } catch (DesktopException e) {
            thread.close();
            LOG.warn("No desktop: {}", e.getMessage());
            return new NoDesktop(e.getMessage());
        } catch (InterruptedException e) {
            thread.close();
            Thread.currentThread().interrupt();
            return new NoDesktop("interrupted while connecting to " + display);
        }
    }

    @Override
    public String backend() {
        return "x11";
    }

    @Override
    public String display() {
        return c.name;
    }

    @Override
    public <P extends DesktopPort> Optional<P> port(Class<P> type) {
        if (type == InputPort.class) {
            return Optional.ofNullable(input).map(type::cast);
        }
        if (type == BrowserPort.class) {
            return Optional.of(type.cast(browser));
        }
        return type.isInstance(this) ? Optional.of(type.cast(this)) : Optional.empty();
    }

    @Override
    public Availability missing(Class<? extends DesktopPort> type) {
        if (c.lost()) {
            return availability();
        }
        if (type == InputPort.class) {
            return Availability.unavailable(
                    ErrorCode.NO_DESKTOP_SESSION,
                    "X display " + c.name + " has no XTest extension, so input cannot be sent");
        }
        return Desktop.super.missing(type);
    }

    /** The ports this backend is itself work while the connection to the display does. */
    @Override
    public Availability availability() {
        if (c.lost()) {
            return Availability.unavailable(
                    ErrorCode.NO_DESKTOP_SESSION,
                    "No desktop session on this node: the connection to X display " + c.name + " was lost");
        }
        return Availability.AVAILABLE;
    }

    @Override
    public ScreenBounds screen() throws InterruptedException {
        return x(() -> new ScreenBounds(0, 0, width(), height()));
    }

    private int width() {
        return c.x.XDisplayWidth(c.display, c.screen);
    }

    private int height() {
        return c.x.XDisplayHeight(c.display, c.screen);
    }

    @Override
    public List<DesktopWindow> windows() throws InterruptedException {
        return x(windows::list);
    }

    @Override
    public Optional<DesktopWindow> activeWindow() throws InterruptedException {
        return x(windows::active);
    }

    @Override
    public Optional<DesktopWindow> windowAt(int px, int py) throws InterruptedException {
        return x(() -> windows.at(px, py));
    }

    @Override
    public void activate(DesktopWindow window) throws InterruptedException {
        x(() -> {
            windows.activate(window);
            return null;
        });
    }

    @Override
    public void requestClose(DesktopWindow window) throws InterruptedException {
        x(() -> {
            windows.requestClose(window);
            return null;
        });
    }

    @Override
    public void writeClipboard(String text) throws InterruptedException {
        long deadline = System.nanoTime() + CLIPBOARD_WRITE_WAIT.toNanos();
        x(() -> {
            clipboard.write(text, deadline, this::await);
            return null;
        });
    }

    @Override
    public Optional<String> readClipboard(Duration wait) throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        return x(() -> clipboard.read(deadline, this::await));
    }

    @Override
    public long launch(Path executable, List<String> args, Path workingDirectory) {
        c.requireOpen();
        return launcher.start(executable, args, workingDirectory);
    }

    @Override
    public Capture capture(CaptureArea area) throws InterruptedException {
        return x(() -> screenCapture.capture(area, new ScreenBounds(0, 0, width(), height())));
    }

    @Override
    public void terminate(long pid) {
        ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
    }

    @Override
    public void close() {
        try {
            thread.run(() -> {
                if (!c.lost()) {
                    handOffClipboard();
                }
                if (keyboard != null && !c.lost()) {
                    keyboard.restore();
                }
                c.close();
            });
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.warn("Closing the X connection failed: {}", e.getMessage());
        } finally {
            thread.close();
        }
    }

    /** Lets a clipboard manager keep the text the executor put on the clipboard once it is gone. */
    private void handOffClipboard() {
        try {
            if (clipboard.handOff(System.nanoTime() + CLIPBOARD_HAND_OFF_WAIT.toNanos(), this::await)) {
                LOG.info("The clipboard manager took the executor's clipboard text");
            }
        } catch (RuntimeException e) {
            LOG.warn("Handing the clipboard to the clipboard manager failed: {}", e.getMessage());
        }
    }

    private void restoreKeymapLater() {
        if (keymapRestore != null) {
            keymapRestore.cancel(false);
        }
        keymapRestore = thread.later(KEYMAP_RESTORE_AFTER, () -> {
            if (!c.lost()) {
                keyboard.restore();
            }
        });
    }

    /** Runs X work on the X thread once the connection is known to be alive. */
    private <T> T x(Callable<T> work) throws InterruptedException {
        c.requireOpen();
        return thread.call(() -> {
            c.requireOpen();
            T result = work.call();
            c.requireOpen();
            return result;
        });
    }

    /**
     * Handles whatever the server sent meanwhile: clipboard requests from other applications and
     * their deletions that ask for an incremental transfer's next piece.
     */
    private void pump() {
        if (c.lost()) {
            return;
        }
        try {
            while (!c.lost() && c.x.XPending(c.display) > 0) {
                X11.XEvent event = new X11.XEvent();
                c.x.XNextEvent(c.display, event);
                dispatch(event);
            }
            clipboard.expire();
        } catch (RuntimeException e) {
            LOG.warn("Handling X events failed: {}", e.toString());
        }
    }

    private void dispatch(X11.XEvent event) {
        switch (event.type) {
            case X11.SelectionRequest -> clipboard.answer(event);
            case X11.SelectionClear -> clipboard.cleared(event);
            case X11.PropertyNotify -> clipboard.propertyChanged(event);
            default -> {
                // Other events (mapping changes) need no answer.
            }
        }
    }

    /** Waits on the X thread for an event, answering others (a paste request) meanwhile. */
    private Optional<X11.XEvent> await(Predicate<X11.XEvent> wanted, long deadlineNanos) {
        while (!c.lost()) {
            while (c.x.XPending(c.display) > 0) {
                X11.XEvent event = new X11.XEvent();
                c.x.XNextEvent(c.display, event);
                if (wanted.test(event)) {
                    return Optional.of(event);
                }
                dispatch(event);
            }
            if (System.nanoTime() >= deadlineNanos) {
                return Optional.empty();
            }
            LockSupport.parkNanos(Duration.ofMillis(2).toNanos());
        }
        return Optional.empty();
    }

    /**
     * Refuses a point that is on none of the monitors: inside the screen's rectangle, but in a gap
     * RandR leaves between monitors of different sizes or positions, which nobody sees.
     */
    static void requireOnMonitor(List<ScreenBounds> monitors, int px, int py) {
        if (monitors.stream().noneMatch(monitor -> monitor.contains(px, py))) {
            throw new DesktopException(
                    ErrorCode.COORDINATES_OUT_OF_BOUNDS,
                    "(" + px + ", " + py + ") is on no monitor (a gap between monitors of different sizes)");
        }
    }

    /** Keys and clicks through XTest; made only when the server has the extension. */
    private final class Input implements InputPort {

        @Override
        public Availability availability() {
            return X11Desktop.this.availability();
        }

        @Override
        public void type(String text) throws InterruptedException {
            x(() -> {
                keyboard.type(text);
                restoreKeymapLater();
                return null;
            });
        }

        @Override
        public void press(List<Key> keys) throws InterruptedException {
            x(() -> {
                keyboard.press(keys);
                restoreKeymapLater();
                return null;
            });
        }

        @Override
        public void click(int px, int py, MouseButton button, int clicks) throws InterruptedException {
            x(() -> {
                ScreenBounds screen = new ScreenBounds(0, 0, width(), height());
                if (!screen.contains(px, py)) {
                    throw new DesktopException(
                            ErrorCode.COORDINATES_OUT_OF_BOUNDS,
                            "(" + px + ", " + py + ") is outside the screen (" + width() + "x" + height() + ")");
                }
                requireOnMonitor(screenCapture.monitors(screen), px, py);
                NativeLong now = new NativeLong(0);
                c.xtest.XTestFakeMotionEvent(c.display, c.screen, px, py, now);
                int code = BUTTONS[button.ordinal()];
                for (int i = 0; i < clicks; i++) {
                    c.xtest.XTestFakeButtonEvent(c.display, code, true, now);
                    c.xtest.XTestFakeButtonEvent(c.display, code, false, now);
                }
                c.sync().ifPresent(error -> {
                    throw new DesktopException(ErrorCode.DESKTOP_ERROR, "Clicking failed: " + error);
                });
                return null;
            });
        }
    }

    /** URLs through the configured opener, with {@code DISPLAY} set; works while the display does and the opener is installed. */
    private final class Browser implements BrowserPort {

        @Override
        public Availability availability() {
            Availability session = X11Desktop.this.availability();
            if (session.available() && resolver.resolve(urlOpener, null).isEmpty()) {
                return Availability.unavailable(
                        ErrorCode.BROWSER_OPEN_FAILED,
                        "The URL opener '" + urlOpener + "' is not installed on this node");
            }
            return session;
        }

        @Override
        public String openUrl(URI url, Duration wait) throws InterruptedException {
            Path opener = resolver.resolve(urlOpener, null)
                    .orElseThrow(() -> new DesktopException(
                            ErrorCode.BROWSER_OPEN_FAILED,
                            "The URL opener '" + urlOpener + "' is not installed on this node"));
            c.requireOpen();
            launcher.runBriefly(opener, List.of(url.toString()), wait, ErrorCode.BROWSER_OPEN_FAILED);
            return opener.toString();
        }
    }
}
