package dev.handrail.executor.desktop.x11;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.handrail.contracts.error.ErrorCode;
import dev.handrail.contracts.message.ScreenBounds;
import dev.handrail.executor.desktop.ClipboardPort;
import dev.handrail.executor.desktop.Desktop;
import dev.handrail.executor.desktop.DesktopException;
import dev.handrail.executor.desktop.DesktopWindow;
import dev.handrail.executor.desktop.Hotkey;
import dev.handrail.executor.desktop.InputPort;
import dev.handrail.executor.desktop.MouseButton;
import dev.handrail.executor.desktop.ScreenPort;
import dev.handrail.executor.desktop.WindowMatcher;
import dev.handrail.executor.desktop.WindowPort;
import dev.handrail.executor.program.ProgramResolver;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The X11 backend for real: Xvfb with openbox, and a Swing window in its own JVM that reports
 * what it receives.
 */
@ExtendWith(XvfbExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class X11DesktopTest {

    static final Duration PATIENCE = TargetWindow.PATIENCE;

    XServer server;
    Desktop desktop;
    ScreenPort screen;
    WindowPort windows;
    InputPort input;
    ClipboardPort clipboard;
    TargetWindow first;
    TargetWindow second;

    @BeforeAll
    void start(XServer server) {
        this.server = server;
        desktop = X11Desktop.open(server.display(), "xdg-open", ProgramResolver.fromEnvironment());
        screen = desktop.port(ScreenPort.class).orElseThrow();
        windows = desktop.port(WindowPort.class).orElseThrow();
        input = desktop.port(InputPort.class).orElseThrow();
        clipboard = desktop.port(ClipboardPort.class).orElseThrow();
        first = TargetWindow.start(server, "Handrail target one", 60, 60);
        second = TargetWindow.start(server, "Handrail target two", 620, 60);
    }

    @AfterAll
    void stop() {
        first.close();
        second.close();
        desktop.close();
    }

    @Test
    void reportsTheRootWindowAsTheVirtualScreen() throws InterruptedException {
        assertThat(desktop.backend()).isEqualTo("x11");
        assertThat(desktop.availability(InputPort.class).available()).isTrue();
        assertThat(screen.screen()).isEqualTo(new ScreenBounds(0, 0, XServer.WIDTH, XServer.HEIGHT));
    }

    @Test
    void listsWindowsWithTitleProcessAndGeometry() throws InterruptedException {
        List<DesktopWindow> listed = windows.windows();
        DesktopWindow one = WindowMatcher.byTitle(listed, "Handrail target one");
        assertThat(one.pid()).isEqualTo(first.pid());
        assertThat(one.executable()).endsWith("java");
        int[] area = first.area();
        assertThat(one.contains(area[0] + 1, area[1] + 1)).isTrue();
        assertThat(one.width()).isGreaterThanOrEqualTo(area[2]);
        assertThat(WindowMatcher.byTitle(listed, "target two").pid()).isEqualTo(second.pid());
    }

    @Test
    void focusesAWindowAndReportsItActive() throws InterruptedException {
        focus(first);
        focus(second);
        focus(first);
    }

    @Test
    void typesTextIncludingCharactersMissingFromTheKeymap() throws InterruptedException {
        focus(first);
        // Swing's key events carry one UTF-16 unit, so the observer cannot see characters outside the BMP.
        String text = "Hello, wörld! ✓ Ω ñ € done";
        input.type(text);
        await().atMost(PATIENCE)
                .untilAsserted(() -> assertThat(first.last("TEXT")).contains(text));
    }

    @Test
    void pressesAHotkeyTheWindowSees() throws InterruptedException {
        focus(second);
        input.press(Hotkey.parse("ctrl+shift+k"));
        await().atMost(PATIENCE)
                .untilAsserted(() -> assertThat(second.all("HOTKEY")).contains("Ctrl+Shift+K"));
    }

    @Test
    void clicksAtAPointTheWindowSees() throws InterruptedException {
        int[] area = second.area();
        int x = area[0] + 37;
        int y = area[1] + 41;
        input.click(x, y, MouseButton.LEFT, 1);
        await().atMost(PATIENCE)
                .untilAsserted(() -> assertThat(second.all("CLICK")).contains(x + " " + y + " 1 1"));
        input.click(x + 5, y, MouseButton.RIGHT, 1);
        await().atMost(PATIENCE)
                .untilAsserted(() -> assertThat(second.all("CLICK")).contains((x + 5) + " " + y + " 3 1"));
        assertThat(windows.windowAt(x, y).map(DesktopWindow::title)).contains(second.title);
    }

    @Test
    void refusesAClickOutsideTheScreen() {
        assertThatThrownBy(() -> input.click(XServer.WIDTH, 10, MouseButton.LEFT, 1))
                .isInstanceOf(DesktopException.class)
                .extracting(e -> ((DesktopException) e).code())
                .isEqualTo(ErrorCode.COORDINATES_OUT_OF_BOUNDS);
    }

    @Test
    void keepsWhatItPutOnTheClipboardForOtherApplications() throws InterruptedException {
        clipboard.writeClipboard("from handrail ✓");
        first.send("PASTE");
        await().atMost(PATIENCE)
                .untilAsserted(() -> assertThat(first.last("CLIPBOARD")).contains("from handrail ✓"));
        assertThat(clipboard.readClipboard(Duration.ofSeconds(2))).contains("from handrail ✓");
    }

    @Test
    void readsItsOwnClipboardBackThroughTheXServer() throws InterruptedException {
        // A lone surrogate cannot travel as UTF-8: a paste gets '?', and so must the read-back,
        // which asks the X server rather than remembering what was written.
        clipboard.writeClipboard("half \uD800 a pair");

        assertThat(clipboard.readClipboard(Duration.ofSeconds(2))).contains("half ? a pair");
    }

    @Test
    void readsWhatAnotherApplicationPutOnTheClipboard() throws InterruptedException {
        second.send("COPY copied by the app — ünïcode");
        await().atMost(PATIENCE).until(() -> second.last("COPIED").isPresent());
        assertThat(clipboard.readClipboard(Duration.ofSeconds(5))).contains("copied by the app — ünïcode");
    }

    @Test
    void survivesAWindowIdThatNoLongerExists() throws InterruptedException {
        DesktopWindow stale = new DesktopWindow("0x3fffff0", "gone", null, null, 0, 0, 1, 1);
        assertThatThrownBy(() -> windows.activate(stale))
                .isInstanceOf(DesktopException.class)
                .extracting(e -> ((DesktopException) e).code())
                .isEqualTo(ErrorCode.WINDOW_NOT_FOUND);
        assertThat(windows.windows()).isNotEmpty();
    }

    private void focus(TargetWindow window) throws InterruptedException {
        DesktopWindow target = WindowMatcher.byTitle(windows.windows(), window.title);
        windows.activate(target);
        await().atMost(PATIENCE)
                .until(() -> windows.activeWindow().map(DesktopWindow::id), id -> id.equals(Optional.of(target.id())));
    }
}
