package dev.handrail.executor.desktop.x11;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.handrail.contracts.error.ErrorCode;
import dev.handrail.executor.desktop.Capture;
import dev.handrail.executor.desktop.CaptureArea;
import dev.handrail.executor.desktop.Desktop;
import dev.handrail.executor.desktop.DesktopException;
import dev.handrail.executor.desktop.DesktopWindow;
import dev.handrail.executor.desktop.ScreenPort;
import dev.handrail.executor.desktop.WindowMatcher;
import dev.handrail.executor.desktop.WindowPort;
import dev.handrail.executor.program.ProgramResolver;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Screen captures on a real X server (Xvfb with openbox): the pixels a window drew, at the size
 * asked for, from the root window.
 */
@ExtendWith(XvfbExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class X11ScreenCaptureTest {

    static final String TITLE = "Handrail capture target";
    static final int TEAL = 0x12AB34;

    Desktop desktop;
    TargetWindow window;

    @BeforeAll
    void start(XServer server) {
        desktop = X11Desktop.open(server.display(), "xdg-open", ProgramResolver.fromEnvironment());
        window = TargetWindow.start(server, TITLE, 300, 200);
        window.send("COLOUR " + Integer.toHexString(TEAL));
        await().atMost(TargetWindow.PATIENCE)
                .until(() -> window.last("COLOURED").isPresent());
    }

    @AfterAll
    void stop() {
        window.close();
        desktop.close();
    }

    @Test
    void capturesTheWholeScreenAtTheScreensSize() throws InterruptedException {
        Capture capture = screen().capture(new CaptureArea.WholeScreen());

        assertThat(desktop.availability(ScreenPort.class).available()).isTrue();
        assertThat(capture.image().getWidth()).isEqualTo(XServer.WIDTH);
        assertThat(capture.image().getHeight()).isEqualTo(XServer.HEIGHT);
        assertThat(capture.x()).isZero();
        assertThat(capture.y()).isZero();
        assertThat(capture.scale()).isEqualTo(1.0);
    }

    @Test
    void aCaptureOfTheWindowShowsTheColourItDrewAtAKnownPoint() throws InterruptedException {
        DesktopWindow target = WindowMatcher.byTitle(
                desktop.port(WindowPort.class).orElseThrow().windows(), TITLE);
        int[] area = window.area();

        await().atMost(TargetWindow.PATIENCE).untilAsserted(() -> {
            Capture capture = screen().capture(new CaptureArea.OfWindow(target));
            assertThat(capture.x()).isEqualTo(target.x());
            assertThat(capture.y()).isEqualTo(target.y());
            assertThat(capture.image().getWidth()).isEqualTo(target.width());
            assertThat(capture.image().getRGB(area[0] - capture.x() + 10, area[1] - capture.y() + 10) & 0xFFFFFF)
                    .as("pixel inside the painted panel")
                    .isEqualTo(TEAL);
        });
    }

    @Test
    void aRegionCaptureHasTheRequestedSizeAndShowsWhatIsThere() throws InterruptedException {
        int[] area = window.area();

        Capture capture = screen().capture(new CaptureArea.Region(area[0] + 5, area[1] + 5, 40, 30));

        assertThat(capture.image().getWidth()).isEqualTo(40);
        assertThat(capture.image().getHeight()).isEqualTo(30);
        assertThat(capture.x()).isEqualTo(area[0] + 5);
        assertThat(capture.image().getRGB(20, 15) & 0xFFFFFF).isEqualTo(TEAL);
    }

    @Test
    void theOneMonitorOfXvfbIsMonitorZeroAndThereIsNoOther() throws InterruptedException {
        Capture monitor = screen().capture(new CaptureArea.Monitor(0));

        assertThat(monitor.image().getWidth()).isEqualTo(XServer.WIDTH);
        assertThatThrownBy(() -> screen().capture(new CaptureArea.Monitor(1)))
                .isInstanceOfSatisfying(
                        DesktopException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.MONITOR_NOT_FOUND));
    }

    @Test
    void aRegionThatLeavesTheScreenIsRefused() {
        assertThatThrownBy(() -> screen().capture(new CaptureArea.Region(XServer.WIDTH - 10, 0, 20, 20)))
                .isInstanceOfSatisfying(
                        DesktopException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.COORDINATES_OUT_OF_BOUNDS));
    }

    private ScreenPort screen() {
        return desktop.port(ScreenPort.class).orElseThrow();
    }
}
