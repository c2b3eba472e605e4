package dev.handrail.executor.desktop.x11;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.handrail.contracts.error.ErrorCode;
import dev.handrail.executor.desktop.Desktop;
import dev.handrail.executor.desktop.DesktopException;
import dev.handrail.executor.desktop.InputPort;
import dev.handrail.executor.desktop.WindowPort;
import dev.handrail.executor.program.ProgramResolver;
import java.time.Duration;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** Losing the X server takes the desktop capabilities away without taking the executor with it. */
class X11LostDisplayTest {

    @Test
    void marksTheDesktopUnavailableWhenTheXServerGoesAway() throws InterruptedException {
        Assumptions.assumeTrue(XServer.xvfb().isPresent(), "Xvfb is not installed: the X11 desktop tests are skipped");
        XServer server = XServer.start(false);
        Desktop desktop = X11Desktop.open(server.display(), "xdg-open", ProgramResolver.fromEnvironment());
        try {
            WindowPort windows = desktop.port(WindowPort.class).orElseThrow();
            assertThat(windows.windows()).isNotNull();
            server.kill();
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> !desktop.availability(WindowPort.class).available());
            assertThat(desktop.availability(InputPort.class).code()).isEqualTo(ErrorCode.NO_DESKTOP_SESSION);
            assertThatThrownBy(windows::windows)
                    .isInstanceOf(DesktopException.class)
                    .extracting(e -> ((DesktopException) e).code())
                    .isEqualTo(ErrorCode.NO_DESKTOP_SESSION);
        } finally {
            desktop.close();
            server.close();
        }
    }

    @Test
    void saysWhyWhenTheDisplayCannotBeOpened() {
        Assumptions.assumeTrue(XServer.xvfb().isPresent(), "Xvfb is not installed: the X11 desktop tests are skipped");
        Desktop desktop = X11Desktop.open(":4095", "xdg-open", ProgramResolver.fromEnvironment());
        assertThat(desktop.backend()).isEqualTo("none");
        assertThat(desktop.availability(WindowPort.class).reason()).contains("cannot open X display :4095");
        assertThat(X11Desktop.open("", "xdg-open", ProgramResolver.fromEnvironment())
                        .availability(InputPort.class)
                        .reason())
                .contains("DISPLAY is not set");
    }
}
