package dev.handrail.executor.desktop.x11;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.handrail.contracts.error.ErrorCode;
import dev.handrail.contracts.message.ScreenBounds;
import dev.handrail.executor.desktop.DesktopException;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A click must fall on a monitor, as on Windows: two RandR monitors of different heights side by
 * side leave a gap under the smaller one that is inside the root window but on no screen.
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
    void acceptsAPointOnEitherMonitorUpToItsLastPixel() {
        assertThatCode(() -> X11Desktop.requireOnMonitor(MONITORS, 100, 799)).doesNotThrowAnyException();
        assertThatCode(() -> X11Desktop.requireOnMonitor(MONITORS, 1279, 399)).doesNotThrowAnyException();
        assertThatCode(() -> X11Desktop.requireOnMonitor(MONITORS, 640, 0)).doesNotThrowAnyException();
    }
}
