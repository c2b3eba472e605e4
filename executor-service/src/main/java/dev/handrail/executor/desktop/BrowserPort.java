package dev.handrail.executor.desktop;

import java.net.URI;
import java.time.Duration;

/** The user's web browser. */
public interface BrowserPort extends DesktopPort {

    /** Opens a URL in the user's browser; returns what opened it. */
    String openUrl(URI url, Duration wait) throws InterruptedException;
}
