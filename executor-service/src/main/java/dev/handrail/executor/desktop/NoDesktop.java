package dev.handrail.executor.desktop;

import dev.handrail.contracts.error.ErrorCode;

import dev.handrail.contracts.message.ScreenBounds;
import dev.handrail.executor.capability.Availability;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The desktop of a node that has none (a server, a service session, no {@code DISPLAY}): every
 * feature is unavailable and every call fails with {@code NO_DESKTOP_SESSION}. Immutable.
 */
public final class NoDesktop implements Desktop {

    private final String reason;

    public NoDesktop(String reason) {
        this.reason = reason;
    }

    @Override
    public String backend() {
        return "none";
    }

    @Override
    public String display() {
        return null;
    }

    @Override
    public Availability availability(DesktopFeature feature) {
        return Availability.unavailable(ErrorCode.NO_DESKTOP_SESSION, "No desktop session on this node: " + reason);
    }

    @Override
    public ScreenBounds screen() {
        throw DesktopException.noSession(reason);
    }

    @Override
    public List<DesktopWindow> windows() {
        throw DesktopException.noSession(reason);
    }

    @Override
    public Optional<DesktopWindow> activeWindow() {
        throw DesktopException.noSession(reason);
    }

    @Override
    public Optional<DesktopWindow> windowAt(int x, int y) {
        throw DesktopException.noSession(reason);
    }

    @Override
    public void activate(DesktopWindow window) {
        throw DesktopException.noSession(reason);
    }

    @Override
    public void requestClose(DesktopWindow window) {
        throw DesktopException.noSession(reason);
    }

    @Override
    public void type(String text) {
        throw DesktopException.noSession(reason);
    }

    @Override
    public void press(List<Key> keys) {
        throw DesktopException.noSession(reason);
    }

    @Override
    public void click(int x, int y, MouseButton button, int clicks) {
        throw DesktopException.noSession(reason);
    }

    @Override
    public void writeClipboard(String text) {
        throw DesktopException.noSession(reason);
    }

    @Override
    public Optional<String> readClipboard(Duration wait) {
        throw DesktopException.noSession(reason);
    }

    @Override
    public String openUrl(URI url, Duration wait) {
        throw DesktopException.noSession(reason);
    }

    @Override
    public long launch(Path executable, List<String> args, Path workingDirectory) {
        throw DesktopException.noSession(reason);
    }

    @Override
    public Capture capture(CaptureArea area) {
        throw DesktopException.noSession(reason);
    }

    @Override
    public void terminate(long pid) {
        throw DesktopException.noSession(reason);
    }

    @Override
    public void close() {
        // Nothing was opened.
    }
}
