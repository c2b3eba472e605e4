package dev.handrail.policy.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.handrail.policy.blocked.BlockedInput;
import dev.handrail.policy.blocked.CommandGuard;
import dev.handrail.policy.blocked.ShellCommandParser;
import dev.handrail.policy.blocked.ShellDialect;
import java.util.Optional;

/**
 * The blocked-command check never fails on any input, and wrapping a line that is blocked when read
 * as a POSIX shell reads it in {@code sh -c '...'}, {@code bash -c '...'} or a wrapper that hands a
 * shell a line ({@code flock FILE -c '...'}, {@code su USER -c '...'}, {@code env -S '...'}) never
 * unblocks it. The direct check also reads the line as cmd and PowerShell; a line blocked only that
 * way (cmd does not split at {@code ;}) is harmless under {@code sh -c}, as a fuzzing run showed.
 * Lines with cmd or PowerShell syntax ({@code %VAR%}, {@code ^}, backtick escapes) are checked only
 * directly: inside {@code sh -c} they mean something else, as an earlier run showed.
 */
class CommandGuardFuzzTest {

    @FuzzTest(maxDuration = "60s")
    void wrappingABlockedCommandInAShellKeepsItBlocked(FuzzedDataProvider data) {
        String line = data.consumeRemainingAsString();
        assertThat(CommandGuard.check(line)).isNotNull();
        Optional<BlockedInput> direct = CommandGuard.check(ShellCommandParser.parse(line, ShellDialect.SH));
        if (direct.isEmpty() || line.matches("(?s).*[%^`].*")) {
            return;
        }
        assertThat(direct.get().reason()).isEqualTo(BlockedInput.BLOCKED_COMMAND);
        for (String wrapper : new String[] {"sh -c", "bash -c", "flock /tmp/lock -c", "su root -c", "env -S"}) {
            assertThat(CommandGuard.check(wrapper + " " + quote(line)))
                    .as("%s %s", wrapper, line)
                    .isPresent();
        }
    }

    private static String quote(String line) {
        return "'" + line.replace("'", "'\\''") + "'";
    }
}
