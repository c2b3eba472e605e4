package dev.handrail.executor.desktop;

import java.time.Duration;
import java.util.Optional;

/** The desktop's clipboard, as text. */
public interface ClipboardPort extends DesktopPort {

    /** Puts text on the clipboard; it stays there after the call (the node keeps owning it where the platform needs that). */
    void writeClipboard(String text) throws InterruptedException;

    /** The clipboard's text, or empty when it holds none; waits at most {@code wait} for another application to hand it over. */
    Optional<String> readClipboard(Duration wait) throws InterruptedException;
}
