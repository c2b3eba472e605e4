package dev.handrail.executor.node;

import dev.handrail.executor.app.AppCloseHandler;
import dev.handrail.executor.app.AppLaunchHandler;
import dev.handrail.executor.app.AppProperties;
import dev.handrail.executor.app.BrowserOpenHandler;
import dev.handrail.executor.clipboard.ClipboardReadHandler;
import dev.handrail.executor.clipboard.ClipboardWriteHandler;
import dev.handrail.executor.desktop.Desktop;
import dev.handrail.executor.desktop.DesktopProperties;
import dev.handrail.executor.desktop.NoDesktop;
import dev.handrail.executor.desktop.windows.WindowsDesktop;
import dev.handrail.executor.desktop.x11.X11Desktop;
import dev.handrail.executor.input.KeyboardHotkeyHandler;
import dev.handrail.executor.input.KeyboardTypeHandler;
import dev.handrail.executor.input.MouseClickHandler;
import dev.handrail.executor.program.ExecutableAllowlist;
import dev.handrail.executor.program.Platform;
import dev.handrail.executor.program.ProgramResolver;
import dev.handrail.executor.sandbox.Sandbox;
import dev.handrail.executor.screen.ArtifactStore;
import dev.handrail.executor.screen.ScreenCaptureHandler;
import dev.handrail.executor.window.WindowFocusHandler;
import dev.handrail.executor.window.WindowListHandler;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;
import java.util.Locale;

/**
 * Picks this node's desktop backend ({@code auto}: X11 on Linux, Windows on Windows, none
 * elsewhere; a backend that cannot reach a session becomes {@link NoDesktop}) and builds the eleven
 * desktop capability handlers on it. The handlers are always registered; the node advertises
 * only those whose feature works on the backend.
 */
@Factory
public class DesktopFactory {

    @Singleton
    @Bean(preDestroy = "close")
    Desktop desktop(DesktopProperties properties) {
        String backend = properties.getBackend() == null ? "auto" : properties.getBackend().trim().toLowerCase(Locale.ROOT);
        if (backend.equals("auto")) {
            backend = Platform.isWindows() ? "windows" : Platform.isLinux() ? "x11" : "none";
        }
        return switch (backend) {
            case "x11" -> X11Desktop.open(properties.getDisplay(), properties.getUrlOpener(), ProgramResolver.fromEnvironment());
            case "windows" -> WindowsDesktop.open();
            case "none" -> new NoDesktop("the desktop backend is off (" + DesktopProperties.PREFIX + ".backend)");
            default -> throw new IllegalArgumentException(DesktopProperties.PREFIX
                    + ".backend must be auto, x11, windows or none, not: " + properties.getBackend());
        };
    }

    @Singleton
    WindowListHandler windowList(Desktop desktop) {
        return new WindowListHandler(desktop);
    }

    @Singleton
    WindowFocusHandler windowFocus(Desktop desktop, DesktopProperties properties) {
        return new WindowFocusHandler(desktop, properties.getFocusWait());
    }

    @Singleton
    KeyboardTypeHandler keyboardType(Desktop desktop) {
        return new KeyboardTypeHandler(desktop);
    }

    @Singleton
    KeyboardHotkeyHandler keyboardHotkey(Desktop desktop) {
        return new KeyboardHotkeyHandler(desktop);
    }

    @Singleton
    MouseClickHandler mouseClick(Desktop desktop) {
        return new MouseClickHandler(desktop);
    }

    @Singleton
    ClipboardReadHandler clipboardRead(Desktop desktop) {
        return new ClipboardReadHandler(desktop);
    }

    @Singleton
    ClipboardWriteHandler clipboardWrite(Desktop desktop) {
        return new ClipboardWriteHandler(desktop);
    }

    @Singleton
    BrowserOpenHandler browserOpen(Desktop desktop) {
        return new BrowserOpenHandler(desktop);
    }

    @Singleton
    AppLaunchHandler appLaunch(Desktop desktop, AppProperties apps, Sandbox sandbox, DesktopProperties properties) {
        ExecutableAllowlist allowlist = new ExecutableAllowlist(apps.getAllowedExecutables(), apps.isAllowInterpreters(),
                apps.isAllowUnsafeArguments(), ProgramResolver.fromEnvironment(), AppProperties.PREFIX + ".allowed-executables");
        return new AppLaunchHandler(desktop, allowlist, sandbox, properties.getLaunchCheck());
    }

    @Singleton
    ScreenCaptureHandler screenCapture(Desktop desktop, ArtifactStore artifacts) {
        return new ScreenCaptureHandler(desktop, artifacts);
    }

    @Singleton
    AppCloseHandler appClose(Desktop desktop, DesktopProperties properties) {
        return new AppCloseHandler(desktop, properties.getCloseGrace());
    }
}
