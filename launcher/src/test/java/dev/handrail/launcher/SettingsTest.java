package dev.handrail.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsTest {

    @TempDir
    Path dir;

    @Test
    void theDefaultWorkspaceLiesBesideHomeNotInIt() {
        Settings settings = Settings.fromEnvironment(
                Map.of("HANDRAIL_HOME", dir.resolve("home").toString()), dir);

        assertThat(settings.workspace()).isEqualTo(dir.resolve("home-workspace"));
        assertThat(settings.workspace().startsWith(settings.home())).isFalse();
        assertThatNoException().isThrownBy(settings::requireWorkspaceApart);
    }

    @Test
    void aWorkspaceInsideAroundOrEqualToHomeIsRefusedWithWhatToDo() throws IOException {
        Path home = Files.createDirectories(dir.resolve("home"));
        Path link = Files.createSymbolicLink(dir.resolve("link"), home);

        for (Path workspace : new Path[] {home.resolve("workspace"), home, dir, link.resolve("ws")}) {
            Settings settings = new Settings(8080, home, workspace, dir, null, null, true);
            assertThatThrownBy(settings::requireWorkspaceApart)
                    .as(workspace.toString())
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("HANDRAIL_HOME")
                    .hasMessageContaining("HANDRAIL_WORKSPACE");
        }
    }
}
