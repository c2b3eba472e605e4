package dev.handrail.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BootstrapTokenFileTest {

    @TempDir
    Path dir;

    @Test
    void aNewTokenIsKeptInAFileOnlyItsOwnerCanReadAndNoTemporaryFileRemains() throws IOException {
        Path home = dir.resolve("home");
        Settings settings = new Settings(8080, home, Settings.defaultWorkspace(home), dir, null, null, true);

        BootstrapTokenFile.Token token = BootstrapTokenFile.resolve(Map.of(), settings);

        Path file = home.resolve(BootstrapTokenFile.FILE);
        assertThat(token.created()).isTrue();
        assertThat(file).hasContent(token.secret() + "\n");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                .isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(home)))
                .isEqualTo("rwx------");
        try (Stream<Path> files = Files.list(home)) {
            assertThat(files).containsExactly(file);
        }
        assertThat(BootstrapTokenFile.resolve(Map.of(), settings))
                .isEqualTo(new BootstrapTokenFile.Token(token.secret(), false));
    }

    @Test
    void aSecretFileIsNeverReadableByOthersEvenWhileBeingWritten() throws IOException {
        Path file = dir.resolve("secret");
        // Replacing a world-readable file leaves a 0600 one: the text is written to a new file created 0600.
        Files.writeString(file, "old");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

        BootstrapTokenFile.writeSecret(file, "new");

        assertThat(file).hasContent("new");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                .isEqualTo("rw-------");
    }
}
