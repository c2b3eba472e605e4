package dev.handrail.executor.desktop.x11;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.handrail.contracts.error.ErrorCode;
import dev.handrail.contracts.message.ScreenBounds;
import dev.handrail.executor.desktop.CaptureArea;
import dev.handrail.executor.desktop.Desktop;
import dev.handrail.executor.desktop.DesktopException;
import dev.handrail.executor.desktop.InputPort;
import dev.handrail.executor.desktop.MouseButton;
import dev.handrail.executor.desktop.ScreenPort;
import dev.handrail.executor.program.ProgramResolver;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * A click must fall on a monitor, as on Windows: two RandR monitors of different heights side by
 * side leave a gap under the smaller one that is inside the root window but on no screen. Checked
 * on fixed rectangles and on an Xvfb of its own whose monitors {@code xrandr --setmonitor} lays out
 * that way (the server keeps them only while a client is connected: the desktop is).
 */
class X11MonitorGapTest {

    /** 1280x800 root: a 640x800 monitor on the left, a 640x400 one on the right, nothing below it. */
    static final List<ScreenBounds> MONITORS =
            List.of(new ScreenBounds(0, 0, 640, 800), new ScreenBounds(640, 0, 640, 400));

    @Test
    void refusesAPointInTheGapBetweenMonitors() {
        assertThatThrownBy(() -> X11Desktop.requireOnMonitor(MONITORS, 900, 600))
                .isInstanceOfSatisfying(DesktopException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.COORDINATES_OUT_OF_BOUNDS);
                    assertThat(e.getMessage()).contains("(900, 600)", "no monitor");
                });
        assertThatThrownBy(() -> X11Desktop.requireOnMonitor(MONITORS, 640, 400))
                .isInstanceOf(DesktopException.class);
    }

    @Test
    void refusesAClickInTheGapOfARealRandrLayout() throws Exception {
        Assumptions.assumeTrue(XServer.xvfb().isPresent(), "Xvfb is not installed: the X11 desktop tests are skipped");
        Path xrandr = XServer.onPath("xrandr")
                .orElseThrow(
                        () -> new IllegalStateException(
                                "xrandr is not installed (apt-get install x11-xserver-utils); this test lays out monitors with it"));
        try (XServer server = XServer.start(false)) {
            Desktop desktop = X11Desktop.open(server.display(), "xdg-open", ProgramResolver.fromEnvironment());
            try {
                xrandr(xrandr, server, "--setmonitor", "LEFT", "640/169x800/212+0+0", "screen");
                xrandr(xrandr, server, "--setmonitor", "RIGHT", "640/169x400/106+640+0", "none");
                ScreenPort screen = desktop.port(ScreenPort.class).orElseThrow();
                InputPort input = desktop.port(InputPort.class).orElseThrow();
                assertThat(screen.capture(new CaptureArea.Monitor(1)).image().getHeight())
                        .as("the layout took")
                        .isEqualTo(400);

                assertThatThrownBy(() -> input.click(900, 600, MouseButton.LEFT, 1))
                        .isInstanceOfSatisfying(
                                DesktopException.class,
                                e -> assertThat(e.code()).isEqualTo(ErrorCode.COORDINATES_OUT_OF_BOUNDS));
                assertThatCode(() -> input.click(900, 100, MouseButton.LEFT, 1)).doesNotThrowAnyException();
                assertThatCode(() -> input.click(100, 600, MouseButton.LEFT, 1)).doesNotThrowAnyException();
            } finally {
                desktop.close();
            }
        }
    }

    private static void xrandr(Path xrandr, XServer server, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(xrandr.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("DISPLAY", server.display());
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as("xrandr %s: %s", args, output).isZero();
    }

    @Test
    void acceptsAPointOnEitherMonitorUpToItsLastPixel() {
        assertThatCode(() -> X11Desktop.requireOnMonitor(MONITORS, 100, 799)).doesNotThrowAnyException();
        assertThatCode(() -> X11Desktop.requireOnMonitor(MONITORS, 1279, 399)).doesNotThrowAnyException();
        assertThatCode(() -> X11Desktop.requireOnMonitor(MONITORS, 640, 0)).doesNotThrowAnyException();
    }
}
