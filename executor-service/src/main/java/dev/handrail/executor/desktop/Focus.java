package dev.handrail.executor.desktop;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** Compares and describes focused windows for the evidence input and focus capabilities record. Stateless. */
public final class Focus {

    private Focus() {}

    /** Whether two observations name the same window (two empty ones do: no window had the focus either time). */
    public static boolean same(Optional<DesktopWindow> a, Optional<DesktopWindow> b) {
        return Objects.equals(a.map(DesktopWindow::id), b.map(DesktopWindow::id));
    }

    /** The window as evidence shows it, or null when there was none. */
    public static Map<String, Object> describe(Optional<DesktopWindow> window) {
        return window.map(DesktopWindow::describe).orElse(null);
    }

    /** A window's title for a message, or "no window". */
    public static String name(Optional<DesktopWindow> window) {
        return window.map(w -> "'" + w.title() + "' (" + w.id() + ")").orElse("no window");
    }
}
