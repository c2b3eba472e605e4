package dev.handrail.executor.node;

import dev.handrail.executor.app.AppProperties;
import dev.handrail.executor.desktop.Desktop;
import dev.handrail.executor.desktop.DesktopProperties;
import dev.handrail.executor.desktop.NoDesktop;
import dev.handrail.executor.desktop.windows.WindowsDesktop;
import dev.handrail.executor.desktop.x11.X11Desktop;
import dev.handrail.executor.program.ExecutableAllowlist;
import dev.handrail.executor.program.Platform;
import dev.handrail.executor.program.ProgramResolver;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.util.Locale;

/**
 * Picks this node's desktop backend ({@code auto}: X11 on Linux, Windows on Windows, none
 * elsewhere; a backend that cannot reach a session becomes {@link NoDesktop}) and builds the
 * allowlist of applications {@code app.launch} may start. The desktop capability handlers are
 * beans of their own that ask the backend for the ports they need; they exist on every node and
 * the node advertises only those whose ports the backend provides and that work now.
 */
@Factory
public class DesktopFactory {

    @Singleton
    @Bean(preDestroy = "close")
    Desktop desktop(DesktopProperties properties) {
        String backend = properties.getBackend() == null
                ? "auto"
                : properties.getBackend().trim().toLowerCase(Locale.ROOT);
        if (backend.equals("auto")) {
            backend = Platform.isWindows() ? "windows" : Platform.isLinux() ? "x11" : "none";
        }
        return switch (backend) {
            case "x11" ->
                X11Desktop.open(properties.getDisplay(), properties.getUrlOpener(), ProgramResolver.fromEnvironment());
            case "windows" -> WindowsDesktop.open();
            case "none" -> new NoDesktop("the desktop backend is off (" + DesktopProperties.PREFIX + ".backend)");
            default ->
                throw new IllegalArgumentException(DesktopProperties.PREFIX
                        + ".backend must be auto, x11, windows or none, not: " + properties.getBackend());
        };
    }

    /** The programs {@code app.launch} may start, named by the configuration it comes from. */
    @Singleton
    @Named(AppProperties.PREFIX)
    ExecutableAllowlist appAllowlist(AppProperties apps) {
        return new ExecutableAllowlist(
                apps.getAllowedExecutables(),
                apps.isAllowInterpreters(),
                apps.isAllowUnsafeArguments(),
                ProgramResolver.fromEnvironment(),
                AppProperties.PREFIX + ".allowed-executables");
    }
}
