package dev.handrail.executor.desktop.x11;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.handrail.executor.capability.Invocation;
import dev.handrail.executor.capability.Outcome;
import dev.handrail.executor.desktop.Desktop;
import dev.handrail.executor.desktop.DesktopWindow;
import dev.handrail.executor.desktop.WindowMatcher;
import dev.handrail.executor.desktop.WindowPort;
import dev.handrail.executor.program.ProgramResolver;
import dev.handrail.executor.window.WindowListHandler;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * A bare X server (no window manager): windows come from the root's children, focus is set and
 * read as the X input focus. (Swing ignores keys sent to a frame focused this way, so typing is
 * tested with a window manager only.)
 */
class X11WithoutWindowManagerTest {

    @Test
    void listsAndFocusesWindowsWithPlainXlibWhenNoWindowManagerRuns() throws InterruptedException {
        Assumptions.assumeTrue(XServer.xvfb().isPresent(), "Xvfb is not installed: the X11 desktop tests are skipped");
        try (XServer server = XServer.start(false)) {
            Desktop desktop = X11Desktop.open(server.display(), "xdg-open", ProgramResolver.fromEnvironment());
            try {
                WindowPort windows = desktop.port(WindowPort.class).orElseThrow();
                Outcome empty =
                        new WindowListHandler(desktop).run(new Invocation("a1", Map.of(), Duration.ofSeconds(5)));
                assertThat(empty.success()).isTrue();
                assertThat(empty.evidence()).containsEntry("count", 0).doesNotContainKey("focused");

                try (TargetWindow window = TargetWindow.start(server, "Bare window", 30, 30)) {
                    List<DesktopWindow> listed = windows.windows();
                    DesktopWindow bare = WindowMatcher.byTitle(listed, "Bare window");
                    assertThat(bare.pid()).isEqualTo(window.pid());
                    windows.activate(bare);
                    await().atMost(TargetWindow.PATIENCE)
                            .until(
                                    () -> windows.activeWindow().map(DesktopWindow::id),
                                    id -> id.equals(Optional.of(bare.id())));
                }
            } finally {
                desktop.close();
            }
        }
    }
}
