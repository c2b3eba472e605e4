package dev.handrail.executor.execution;

import static org.assertj.core.api.Assertions.assertThat;

import dev.handrail.contracts.error.ErrorCode;
import java.util.List;
import org.junit.jupiter.api.Test;

class RunningCommandsTest {

    @Test
    void aCancelledRunAbortsOnlyItsOwnRunningActionsWithItsCode() {
        RunningCommands running = new RunningCommands();
        Abort inRun = running.start("shell.run", "a-1");
        Abort other = running.start("shell.run", "a-2");

        int aborted = running.abortActions(List.of("a-1", "a-9"), ErrorCode.RUN_CANCELLED, "run r was cancelled");

        assertThat(aborted).isEqualTo(1);
        assertThat(inRun.reason()).contains("run r was cancelled");
        assertThat(inRun.code()).isEqualTo(ErrorCode.RUN_CANCELLED);
        assertThat(other.reason()).isEmpty();
    }

    @Test
    void theFirstAbortKeepsItsCodeAndReason() {
        RunningCommands running = new RunningCommands();
        Abort abort = running.start("shell.run", "a-1");

        running.abortWhere(intent -> true, "kill switch");
        running.abortActions(List.of("a-1"), ErrorCode.RUN_CANCELLED, "run cancelled");

        assertThat(abort.reason()).contains("kill switch");
        assertThat(abort.code()).isEqualTo(ErrorCode.ABORTED_BY_KILL_SWITCH);
    }

    @Test
    void aFinishedCommandIsNotAborted() {
        RunningCommands running = new RunningCommands();
        Abort abort = running.start("file.read", "a-1");
        running.finish(abort);

        assertThat(running.abortActions(List.of("a-1"), ErrorCode.RUN_CANCELLED, "late"))
                .isZero();
        assertThat(running.size()).isZero();
    }
}
