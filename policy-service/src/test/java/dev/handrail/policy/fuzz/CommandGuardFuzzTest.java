package dev.handrail.policy.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.handrail.policy.blocked.BlockedInput;
import dev.handrail.policy.blocked.CommandGuard;
import java.util.Optional;

/**
 * The blocked-command check never fails on any input, and wrapping a blocked command in a POSIX
 * shell ({@code sh -c '...'}, {@code bash -c '...'}) or a wrapper that hands a shell a line
 * ({@code flock FILE -c '...'}, {@code su USER -c '...'}, {@code env -S '...'}) never unblocks it. Lines with cmd or
 * PowerShell syntax ({@code %VAR%}, {@code ^}, backtick escapes) are checked only directly: inside
 * {@code sh -c} they mean something else, as a fuzzing run showed.
 */
class CommandGuardFuzzTest {

    @FuzzTest(maxDuration = "60s")
    void wrappingABlockedCommandInAShellKeepsItBlocked(FuzzedDataProvider data) {
        String line = data.consumeRemainingAsString();
        Optional<BlockedInput> direct = CommandGuard.check(line);
        if (direct.isEmpty() || line.matches("(?s).*[%^`].*")) {
            return;
        }
        assertThat(direct.get().reason()).isEqualTo(BlockedInput.BLOCKED_COMMAND);
        for (String wrapper : new String[] {"sh -c", "bash -c", "flock /tmp/lock -c", "su root -c", "env -S"}) {
            assertThat(CommandGuard.check(wrapper + " " + quote(line))).as("%s %s", wrapper, line).isPresent();
        }
    }

    private static String quote(String line) {
        return "'" + line.replace("'", "'\\''") + "'";
    }
}
