package dev.handrail.executor.desktop;

import io.micronaut.context.annotation.ConfigurationProperties;
import java.time.Duration;

/**
 * The desktop backend under {@code handrail.executor.desktop}: which one ({@code auto} picks by
 * operating system), the X display on Linux, the URL opener, and how long the desktop
 * capabilities wait to see their effect. Bound once at start-up and only read afterwards.
 */
@ConfigurationProperties(DesktopProperties.PREFIX)
public class DesktopProperties {

    public static final String PREFIX = "handrail.executor.desktop";

    private String backend = "auto";
    private String display;
    private String urlOpener = "xdg-open";
    private Duration focusWait = Duration.ofSeconds(2);
    private Duration launchCheck = Duration.ofSeconds(1);
    private Duration closeGrace = Duration.ofSeconds(5);

    /** {@code auto}, {@code x11}, {@code windows} or {@code none}. */
    public String getBackend() {
        return backend;
    }

    public void setBackend(String backend) {
        this.backend = backend;
    }

    /** The X display (Linux); application.yml takes it from {@code DISPLAY}. Empty means none. */
    public String getDisplay() {
        return display;
    }

    public void setDisplay(String display) {
        this.display = display;
    }

    /** The program that opens a URL in the user's browser on Linux. */
    public String getUrlOpener() {
        return urlOpener;
    }

    public void setUrlOpener(String urlOpener) {
        this.urlOpener = urlOpener;
    }

    /** How long {@code window.focus} waits for the window to become the foreground window. */
    public Duration getFocusWait() {
        return focusWait;
    }

    public void setFocusWait(Duration focusWait) {
        this.focusWait = focusWait;
    }

    /** How long after starting {@code app.launch} checks the process is still alive. */
    public Duration getLaunchCheck() {
        return launchCheck;
    }

    public void setLaunchCheck(Duration launchCheck) {
        this.launchCheck = launchCheck;
    }

    /** How long {@code app.close} waits for the application to close before failing or forcing it. */
    public Duration getCloseGrace() {
        return closeGrace;
    }

    public void setCloseGrace(Duration closeGrace) {
        this.closeGrace = closeGrace;
    }
}
