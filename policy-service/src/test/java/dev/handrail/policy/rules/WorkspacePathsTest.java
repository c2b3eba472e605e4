package dev.handrail.policy.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WorkspacePathsTest {

    private static final List<String> ROOTS = List.of("/srv/ws", "/data/shared");

    @ParameterizedTest
    @CsvSource({
        "secrets/x, secrets/x",
        "./secrets/x, secrets/x",
        "a/../secrets/x, secrets/x",
        "secrets//x, secrets/x",
        "./a/./b/../../secrets/x, secrets/x",
        "/srv/ws/secrets/x, secrets/x",
        "/srv/ws/./a/../secrets/x, secrets/x",
        "/data/shared/secrets/x, secrets/x",
        "/srv/ws, .",
        "., .",
        "../secrets/x, ../secrets/x",
        "a/../../secrets/x, ../secrets/x",
        "/srv/ws-evil/secrets/x, /srv/ws-evil/secrets/x",
        "/srv/ws/../etc/passwd, /srv/etc/passwd",
        "/etc/passwd, /etc/passwd"
    })
    void putsAPathInTheWorkspaceRelativeFormRulesAreWrittenIn(String raw, String normalised) {
        assertThat(WorkspacePaths.normalise(raw, ROOTS)).isEqualTo(normalised);
    }

    @Test
    void normalisesOnlyPathParametersAndLeavesTheRestAsGiven() {
        Map<String, Object> params = Map.of(
                "path",
                "./secrets/x",
                "working_dir",
                "/srv/ws/./bin",
                "command",
                "./run.sh",
                "args",
                List.of("./secrets/x"));

        assertThat(WorkspacePaths.normalise(params, ROOTS))
                .isEqualTo(Map.of(
                        "path",
                        "secrets/x",
                        "working_dir",
                        "bin",
                        "command",
                        "./run.sh",
                        "args",
                        List.of("./secrets/x")));
    }
}
