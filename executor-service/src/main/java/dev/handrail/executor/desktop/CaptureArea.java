package dev.handrail.executor.desktop;

import dev.handrail.contracts.error.ErrorCode;
import dev.handrail.contracts.message.ScreenBounds;
import java.util.List;
import java.util.Map;

/**
 * What part of the desktop a screen capture takes: the whole virtual screen, a rectangle of it,
 * one monitor, or one window. A backend turns it into the screen rectangle to read with
 * {@link #rectangle}, which refuses a region that leaves the screen and a monitor that is not there.
 */
public sealed interface CaptureArea {

    /** Every monitor: the virtual screen. */
    record WholeScreen() implements CaptureArea {}

    /** A rectangle in virtual-screen coordinates; it must lie on the screen. */
    record Region(int x, int y, int width, int height) implements CaptureArea {}

    /** One monitor by index: 0 is the primary monitor, the others follow left to right, top to bottom. */
    record Monitor(int index) implements CaptureArea {}

    /** The rectangle of one window (clipped to the screen where the backend reads the screen). */
    record OfWindow(DesktopWindow window) implements CaptureArea {}

    /**
     * The screen rectangle this area covers, given the virtual screen and its monitors (primary
     * first); a window's rectangle is clipped to the screen.
     */
    default ScreenBounds rectangle(ScreenBounds screen, List<ScreenBounds> monitors) {
        return switch (this) {
            case WholeScreen whole -> screen;
            case Region r -> {
                if (!screen.contains(r.x(), r.y())
                        || !screen.contains((long) r.x() + r.width() - 1, (long) r.y() + r.height() - 1)) {
                    throw new DesktopException(
                            ErrorCode.COORDINATES_OUT_OF_BOUNDS,
                            "The region (" + r.x() + ", " + r.y() + ", " + r.width() + "x" + r.height()
                                    + ") leaves the virtual screen (" + describe(screen) + ")");
                }
                yield new ScreenBounds(r.x(), r.y(), r.width(), r.height());
            }
            case Monitor m -> {
                if (m.index() < 0 || m.index() >= monitors.size()) {
                    throw new DesktopException(
                            ErrorCode.MONITOR_NOT_FOUND,
                            "No monitor " + m.index() + ": this node has " + monitors.size()
                                    + (monitors.size() == 1
                                            ? " monitor (index 0)"
                                            : " monitors (0 to " + (monitors.size() - 1) + ")"));
                }
                yield monitors.get(m.index());
            }
            case OfWindow w -> {
                DesktopWindow window = w.window();
                int left = Math.max(window.x(), screen.x());
                int top = Math.max(window.y(), screen.y());
                int right = Math.min(window.x() + window.width(), screen.x() + screen.width());
                int bottom = Math.min(window.y() + window.height(), screen.y() + screen.height());
                if (right <= left || bottom <= top) {
                    throw new DesktopException(
                            ErrorCode.COORDINATES_OUT_OF_BOUNDS,
                            "Window '" + window.title() + "' (" + window.id() + ") is not on the screen");
                }
                yield new ScreenBounds(left, top, right - left, bottom - top);
            }
        };
    }

    /** The area as evidence shows it. */
    default Map<String, Object> describe() {
        return switch (this) {
            case WholeScreen whole -> Map.of("area", "screen");
            case Region r -> Map.of("area", "region", "x", r.x(), "y", r.y(), "width", r.width(), "height", r.height());
            case Monitor m -> Map.of("area", "monitor", "monitor", m.index());
            case OfWindow w -> Map.of("area", "window", "window", w.window().describe());
        };
    }

    private static String describe(ScreenBounds screen) {
        return screen.x() + ", " + screen.y() + ", " + screen.width() + "x" + screen.height();
    }
}
