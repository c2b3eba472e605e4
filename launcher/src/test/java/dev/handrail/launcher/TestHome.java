package dev.handrail.launcher;

import dev.handrail.devkit.Ports;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A fresh home with a workspace for one end-to-end test class, and the settings of a system
 * started in it (a free HTTP port, the repository from {@code handrail.repo}, embedded
 * infrastructure, nothing kept).
 */
record TestHome(Path home, Path workspace) {

    static TestHome create(String prefix) {
        try {
            Path home = Files.createTempDirectory(prefix);
            return new TestHome(home, Files.createDirectories(Settings.defaultWorkspace(home)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Settings settings() {
        Path repo = Path.of(System.getProperty("handrail.repo", ".."))
                .toAbsolutePath()
                .normalize();
        return new Settings(Ports.free(), home, workspace, repo, null, null, false);
    }
}
