package dev.handrail.executor.desktop.x11;

import dev.handrail.contracts.error.ErrorCode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.handrail.contracts.message.ScreenBounds;
import dev.handrail.executor.desktop.Desktop;
import dev.handrail.executor.desktop.DesktopException;
import dev.handrail.executor.desktop.DesktopFeature;
import dev.handrail.executor.desktop.DesktopWindow;
import dev.handrail.executor.desktop.Hotkey;
import dev.handrail.executor.desktop.MouseButton;
import dev.handrail.executor.desktop.WindowMatcher;
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
    TargetWindow first;
    TargetWindow second;

    @BeforeAll
    void start(XServer server) {
        this.server = server;
        desktop = X11Desktop.open(server.display(), "xdg-open", ProgramResolver.fromEnvironment());
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
        assertThat(desktop.availability(DesktopFeature.INPUT).available()).isTrue();
        assertThat(desktop.screen()).isEqualTo(new ScreenBounds(0, 0, XServer.WIDTH, XServer.HEIGHT));
    }

    @Test
    void listsWindowsWithTitleProcessAndGeometry() throws InterruptedException {
        List<DesktopWindow> windows = desktop.windows();
        DesktopWindow one = WindowMatcher.byTitle(windows, "Handrail target one");
        assertThat(one.pid()).isEqualTo(first.pid());
        assertThat(one.executable()).endsWith("java");
        int[] area = first.area();
        assertThat(one.contains(area[0] + 1, area[1] + 1)).isTrue();
        assertThat(one.width()).isGreaterThanOrEqualTo(area[2]);
        assertThat(WindowMatcher.byTitle(windows, "target two").pid()).isEqualTo(second.pid());
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
        desktop.type(text);
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(first.last("TEXT")).contains(text));
    }

    @Test
    void pressesAHotkeyTheWindowSees() throws InterruptedException {
        focus(second);
        desktop.press(Hotkey.parse("ctrl+shift+k"));
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(second.all("HOTKEY")).contains("Ctrl+Shift+K"));
    }

    @Test
    void clicksAtAPointTheWindowSees() throws InterruptedException {
        int[] area = second.area();
        int x = area[0] + 37;
        int y = area[1] + 41;
        desktop.click(x, y, MouseButton.LEFT, 1);
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(second.all("CLICK")).contains(x + " " + y + " 1 1"));
        desktop.click(x + 5, y, MouseButton.RIGHT, 1);
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(second.all("CLICK")).contains((x + 5) + " " + y + " 3 1"));
        assertThat(desktop.windowAt(x, y).map(DesktopWindow::title)).contains(second.title);
    }

    @Test
    void refusesAClickOutsideTheScreen() {
        assertThatThrownBy(() -> desktop.click(XServer.WIDTH, 10, MouseButton.LEFT, 1))
                .isInstanceOf(DesktopException.class)
                .extracting(e -> ((DesktopException) e).code()).isEqualTo(ErrorCode.COORDINATES_OUT_OF_BOUNDS);
    }

    @Test
    void keepsWhatItPutOnTheClipboardForOtherApplications() throws InterruptedException {
        desktop.writeClipboard("from handrail ✓");
        first.send("PASTE");
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(first.last("CLIPBOARD")).contains("from handrail ✓"));
        assertThat(desktop.readClipboard(Duration.ofSeconds(2))).contains("from handrail ✓");
    }

    @Test
    void readsItsOwnClipboardBackThroughTheXServer() throws InterruptedException {
        // A lone surrogate cannot travel as UTF-8: a paste gets '?', and so must the read-back,
        // which asks the X server rather than remembering what was written.
        desktop.writeClipboard("half \uD800 a pair");

        assertThat(desktop.readClipboard(Duration.ofSeconds(2))).contains("half ? a pair");
    }

    @Test
    void readsWhatAnotherApplicationPutOnTheClipboard() throws InterruptedException {
        second.send("COPY copied by the app — ünïcode");
        await().atMost(PATIENCE).until(() -> second.last("COPIED").isPresent());
        assertThat(desktop.readClipboard(Duration.ofSeconds(5))).contains("copied by the app — ünïcode");
    }

    @Test
    void survivesAWindowIdThatNoLongerExists() throws InterruptedException {
        DesktopWindow stale = new DesktopWindow("0x3fffff0", "gone", null, null, 0, 0, 1, 1);
        assertThatThrownBy(() -> desktop.activate(stale))
                .isInstanceOf(DesktopException.class)
                .extracting(e -> ((DesktopException) e).code()).isEqualTo(ErrorCode.WINDOW_NOT_FOUND);
        assertThat(desktop.windows()).isNotEmpty();
    }

    private void focus(TargetWindow window) throws InterruptedException {
        DesktopWindow target = WindowMatcher.byTitle(desktop.windows(), window.title);
        desktop.activate(target);
        await().atMost(PATIENCE).until(() -> desktop.activeWindow().map(DesktopWindow::id), id -> id.equals(Optional.of(target.id())));
    }
}
