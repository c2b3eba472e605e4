package dev.handrail.executor.desktop;

import java.util.List;
import java.util.Optional;

/** The desktop's top-level windows: listing them, which has the focus, focusing and closing one. */
public interface WindowPort extends DesktopPort {

    /** The visible top-level windows, topmost first where the platform says. */
    List<DesktopWindow> windows() throws InterruptedException;

    /** The window that has the keyboard focus, if any. */
    Optional<DesktopWindow> activeWindow() throws InterruptedException;

    /** The topmost window whose rectangle holds the point, if any. */
    Optional<DesktopWindow> windowAt(int x, int y) throws InterruptedException;

    /** Asks for the window to be brought to the front and focused; does not wait to see it happen. */
    void activate(DesktopWindow window) throws InterruptedException;

    /** Asks the window to close, as its close button would (the application may ask the user first). */
    void requestClose(DesktopWindow window) throws InterruptedException;
}
