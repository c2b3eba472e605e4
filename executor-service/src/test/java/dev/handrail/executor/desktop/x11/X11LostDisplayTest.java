package dev.handrail.executor.desktop.x11;

import dev.handrail.contracts.error.ErrorCode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.handrail.executor.desktop.Desktop;
import dev.handrail.executor.desktop.DesktopException;
import dev.handrail.executor.desktop.DesktopFeature;
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
            assertThat(desktop.windows()).isNotNull();
            server.kill();
            await().atMost(Duration.ofSeconds(20)).until(() -> !desktop.availability(DesktopFeature.WINDOWS).available());
            assertThat(desktop.availability(DesktopFeature.INPUT).code()).isEqualTo(ErrorCode.NO_DESKTOP_SESSION);
            assertThatThrownBy(desktop::windows).isInstanceOf(DesktopException.class)
                    .extracting(e -> ((DesktopException) e).code()).isEqualTo(ErrorCode.NO_DESKTOP_SESSION);
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
        assertThat(desktop.availability(DesktopFeature.WINDOWS).reason()).contains("cannot open X display :4095");
        assertThat(X11Desktop.open("", "xdg-open", ProgramResolver.fromEnvironment()).availability(DesktopFeature.INPUT)
                .reason()).contains("DISPLAY is not set");
    }
}
