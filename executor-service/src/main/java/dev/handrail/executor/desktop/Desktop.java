package dev.handrail.executor.desktop;

import dev.handrail.contracts.message.ScreenBounds;
import dev.handrail.executor.capability.Availability;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The interactive desktop of this node, as the desktop capabilities need it; one implementation
 * per platform (X11, Windows) and one for a node without a session. Every method blocks until the
 * desktop has done it, may be interrupted (it then returns promptly without waiting for the
 * platform), and fails with a {@link DesktopException} carrying a stable code. Implementations
 * are thread-safe: calls may come from many threads at once and are serialised onto the one
 * thread the platform wants them on.
 */
public interface Desktop extends AutoCloseable {

    /** {@code x11}, {@code windows} or {@code none}. */
    String backend();

    /** The display or session this node drives ({@code :0}, {@code session 1}), or null without one. */
    String display();

    /** Whether a feature works here now; when it does not, the code and reason a command gets. */
    Availability availability(DesktopFeature feature);

    /** The virtual screen that holds every monitor. */
    ScreenBounds screen() throws InterruptedException;

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

    /** Types text into whatever has the focus. */
    void type(String text) throws InterruptedException;

    /** Presses the keys in order and releases them in reverse. */
    void press(List<Key> keys) throws InterruptedException;

    /** Moves the pointer to a point of the virtual screen and clicks there. */
    void click(int x, int y, MouseButton button, int clicks) throws InterruptedException;

    /** Puts text on the clipboard; it stays there after the call (the node keeps owning it where the platform needs that). */
    void writeClipboard(String text) throws InterruptedException;

    /** The clipboard's text, or empty when it holds none; waits at most {@code wait} for another application to hand it over. */
    Optional<String> readClipboard(Duration wait) throws InterruptedException;

    /** Opens a URL in the user's browser; returns what opened it. */
    String openUrl(URI url, Duration wait) throws InterruptedException;

    /** Starts a program in the user's session and returns its process id. */
    long launch(Path executable, List<String> args, Path workingDirectory) throws InterruptedException;

    /** Reads the pixels of part of the screen. */
    Capture capture(CaptureArea area) throws InterruptedException;

    /** Ends a process at once. */
    void terminate(long pid) throws InterruptedException;

    /** Releases the platform connection. */
    @Override
    void close();
}
