package dev.handrail.executor.desktop.windows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.handrail.contracts.error.ErrorCode;
import dev.handrail.contracts.message.ScreenBounds;
import dev.handrail.executor.desktop.Capture;
import dev.handrail.executor.desktop.CaptureArea;
import dev.handrail.executor.desktop.DesktopException;
import dev.handrail.executor.desktop.DesktopThread;
import dev.handrail.executor.desktop.DesktopWindow;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The Windows screen capture against a fake Win32 whose screen has a colour per physical pixel:
 * what is copied from where, at which DPI, and that every GDI object is given back.
 */
class GdiScreenCaptureTest {

    static final int LEFT_BLUE = 0x0000FF;
    static final int RIGHT_RED = 0xFF0000;
    static final String PER_MONITOR_AWARE_V2 = "SetThreadDpiAwarenessContext -4";

    final FakeWin32 win32 = new FakeWin32();
    final WindowsDesktop desktop = new WindowsDesktop(win32.api(), new DesktopThread("test-gdi"), 1);

    @AfterEach
    void stop() {
        desktop.close();
    }

    /** Two monitors side by side, the primary one on the right at the origin; left of x=0 is blue, the rest red. */
    void twoMonitors() {
        win32.virtualScreen = new ScreenBounds(-1920, 0, 3840, 1080);
        win32.monitors = List.of(new ScreenBounds(-1920, 0, 1920, 1080), new ScreenBounds(0, 0, 1920, 1080));
        win32.primaryMonitor = 1;
        win32.screenPixel = (x, y) -> x < 0 ? LEFT_BLUE : RIGHT_RED;
    }

    @Test
    void capturesTheWholeVirtualScreenWithCaptureBltAndGivesEveryGdiObjectBack() throws InterruptedException {
        twoMonitors();

        Capture capture = desktop.capture(new CaptureArea.WholeScreen());

        assertThat(capture.image().getWidth()).isEqualTo(3840);
        assertThat(capture.image().getHeight()).isEqualTo(1080);
        assertThat(capture.x()).isEqualTo(-1920);
        assertThat(capture.y()).isZero();
        assertThat(capture.scale()).isEqualTo(1.0);
        assertThat(capture.image().getRGB(10, 500) & 0xFFFFFF).isEqualTo(LEFT_BLUE);
        assertThat(capture.image().getRGB(1930, 500) & 0xFFFFFF).isEqualTo(RIGHT_RED);
        assertThat(win32.calls)
                .contains(
                        "BitBlt -1920 0 3840x1080 0x" + Integer.toHexString(0x00CC0020 | GdiScreenCapture.CAPTUREBLT));
        assertThat(win32.liveGdiObjects).isEmpty();
    }

    @Test
    void copiesPerMonitorDpiAwareAndRestoresTheThreadsOwnAwareness() throws InterruptedException {
        desktop.capture(new CaptureArea.WholeScreen());

        assertThat(win32.calls)
                .filteredOn(call -> call.startsWith("SetThreadDpiAwarenessContext"))
                .containsExactly(PER_MONITOR_AWARE_V2, "SetThreadDpiAwarenessContext -3");
    }

    @Test
    void monitorZeroIsThePrimaryMonitorWhereverWindowsListsIt() throws InterruptedException {
        twoMonitors();

        Capture primary = desktop.capture(new CaptureArea.Monitor(0));
        Capture left = desktop.capture(new CaptureArea.Monitor(1));

        assertThat(primary.x()).isZero();
        assertThat(primary.image().getWidth()).isEqualTo(1920);
        assertThat(primary.image().getRGB(0, 0) & 0xFFFFFF).isEqualTo(RIGHT_RED);
        assertThat(left.x()).isEqualTo(-1920);
        assertThat(left.image().getRGB(1919, 1079) & 0xFFFFFF).isEqualTo(LEFT_BLUE);
        assertThatThrownBy(() -> desktop.capture(new CaptureArea.Monitor(2)))
                .isInstanceOfSatisfying(DesktopException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.MONITOR_NOT_FOUND);
                    assertThat(e.getMessage()).contains("2 monitors (0 to 1)");
                });
    }

    @Test
    void aRegionHasTheRequestedSizeAndARegionOffTheScreenIsRefused() throws InterruptedException {
        Capture region = desktop.capture(new CaptureArea.Region(100, 200, 320, 240));

        assertThat(region.image().getWidth()).isEqualTo(320);
        assertThat(region.image().getHeight()).isEqualTo(240);
        assertThat(win32.calls).anySatisfy(call -> assertThat(call).startsWith("BitBlt 100 200 320x240"));
        assertThatThrownBy(() -> desktop.capture(new CaptureArea.Region(1900, 0, 100, 100)))
                .isInstanceOfSatisfying(
                        DesktopException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.COORDINATES_OUT_OF_BOUNDS));
    }

    @Test
    void aWindowIsDrawnWholeByPrintWindowEvenWhereOthersCoverIt() throws InterruptedException {
        win32.window(0x77, new FakeWin32.Window("Report", 40, 41, 200, 100, 600, 400)).colour = 0x00AA00;
        DesktopWindow report = desktop.windows().getFirst();

        Capture capture = desktop.capture(new CaptureArea.OfWindow(report));

        assertThat(win32.calls).contains("PrintWindow " + 0x77 + " " + GdiScreenCapture.PW_RENDERFULLCONTENT);
        assertThat(capture.x()).isEqualTo(200);
        assertThat(capture.y()).isEqualTo(100);
        assertThat(capture.image().getWidth()).isEqualTo(400);
        assertThat(capture.image().getHeight()).isEqualTo(300);
        assertThat(capture.image().getRGB(399, 299) & 0xFFFFFF).isEqualTo(0x00AA00);
        assertThat(win32.liveGdiObjects).isEmpty();
    }

    @Test
    void aDpiUnawareExecutorGetsTheMonitorsRealPixelsAndTheScaleBetween() throws InterruptedException {
        win32.awareness = 0;
        win32.monitorDpi = 144;

        Capture capture = desktop.capture(new CaptureArea.Region(100, 100, 200, 100));

        assertThat(capture.scale()).isEqualTo(1.5);
        assertThat(capture.image().getWidth()).isEqualTo(300);
        assertThat(capture.image().getHeight()).isEqualTo(150);
        assertThat(capture.x()).isEqualTo(100);
        assertThat(win32.calls).anySatisfy(call -> assertThat(call).startsWith("BitBlt 150 150 300x150"));
    }
}
