package dev.handrail.executor.shell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.handrail.contracts.error.ErrorCode;
import dev.handrail.executor.capability.CapabilityHandler;
import dev.handrail.executor.capability.Invocation;
import dev.handrail.executor.capability.Outcome;
import dev.handrail.executor.capability.RefusedException;
import dev.handrail.executor.execution.HandlerRunner;
import dev.handrail.executor.program.ExecutableAllowlist;
import dev.handrail.executor.program.ProgramResolver;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ShellRunHandlerTest {

    @TempDir
    Path tmp;

    Path root;
    ShellRunHandler handler;

    @BeforeEach
    void setUp() throws IOException {
        root = tmp.toRealPath();
        ExecutableAllowlist allowlist = new ExecutableAllowlist(
                List.of(
                        "pwd",
                        "echo",
                        "cat",
                        "sh",
                        "head",
                        "sleep",
                        "no-such-program-handrail",
                        root.resolve("script.sh").toString()),
                true,
                ProgramResolver.fromEnvironment(),
                "test.allowed-executables");
        handler = new ShellRunHandler(root, 1024, allowlist);
    }

    @Test
    void refusesAProgramThatIsNotOnTheAllowlist() {
        ShellRunHandler strict = new ShellRunHandler(
                root,
                1024,
                new ExecutableAllowlist(
                        List.of("echo"), false, ProgramResolver.fromEnvironment(), "test.allowed-executables"));
        Outcome outcome = strict.run(new Invocation("a1", Map.of("command", "uname -a"), Duration.ofSeconds(10)));
        assertThat(outcome.errorCode()).isEqualTo(ErrorCode.EXECUTABLE_NOT_ALLOWED);
        assertThat(outcome.errorMessage()).contains("uname").contains("test.allowed-executables");
    }

    @Test
    void refusesAnInterpreterEvenWhenListedWhileInterpretersAreOff() {
        ShellRunHandler strict = new ShellRunHandler(
                root,
                1024,
                new ExecutableAllowlist(
                        List.of("echo", "sh"), false, ProgramResolver.fromEnvironment(), "test.allowed-executables"));
        Outcome outcome =
                strict.run(new Invocation("a1", Map.of("command", "sh -c 'echo hi'"), Duration.ofSeconds(10)));
        assertThat(outcome.errorCode()).isEqualTo(ErrorCode.EXECUTABLE_NOT_ALLOWED);
        assertThat(outcome.errorMessage()).contains("interpreter");
        Outcome echo = strict.run(new Invocation("a2", Map.of("command", "echo hi"), Duration.ofSeconds(10)));
        assertThat(echo.success()).isTrue();
        assertThat(echo.evidence()).containsKey("executable");
    }

    @Test
    void refusesArgumentsThatMakeAListedProgramWriteAFileUnlessTheNodeAllowsThem() throws IOException {
        Files.writeString(root.resolve("in.txt"), "b\na\n");
        ShellRunHandler strict = new ShellRunHandler(
                root,
                1024,
                new ExecutableAllowlist(
                        List.of("sort", "uniq"), false, ProgramResolver.fromEnvironment(), "test.allowed-executables"));
        for (String command :
                List.of("sort -o out.txt in.txt", "sort --output=out.txt in.txt", "uniq in.txt out.txt")) {
            Outcome outcome = strict.run(new Invocation("a1", Map.of("command", command), Duration.ofSeconds(10)));
            assertThat(outcome.errorCode()).as(command).isEqualTo(ErrorCode.ARGUMENT_NOT_ALLOWED);
            assertThat(outcome.errorMessage())
                    .as(command)
                    .contains("writes or deletes files")
                    .contains("allow-unsafe-arguments");
        }
        assertThat(root.resolve("out.txt")).doesNotExist();
        assertThat(output(strict.run(new Invocation("a2", Map.of("command", "sort in.txt"), Duration.ofSeconds(10)))))
                .containsEntry("stdout", "a\nb\n");

        ShellRunHandler open = new ShellRunHandler(
                root,
                1024,
                new ExecutableAllowlist(
                        List.of("sort"), false, true, ProgramResolver.fromEnvironment(), "test.allowed-executables"));
        assertThat(open.run(new Invocation("a3", Map.of("command", "sort -o out.txt in.txt"), Duration.ofSeconds(10)))
                        .success())
                .isTrue();
        assertThat(root.resolve("out.txt")).hasContent("a\nb");
    }

    @Test
    void runsProgramInTheWorkspaceAndCapturesItsOutput() {
        Outcome outcome = run("pwd", Duration.ofSeconds(10));
        assertThat(outcome.success()).isTrue();
        assertThat(outcome.output())
                .isEqualTo(Map.of("exit_code", 0, "stdout", root + "\n", "stderr", "", "truncated", false));
        assertThat(outcome.evidence()).containsEntry("exit_code", 0).containsKey("pid");
    }

    @Test
    void runsInTheWorkingDirectoryGivenInsideTheWorkspaceAndRefusesOneOutside() throws IOException {
        Files.createDirectories(root.resolve("sub/dir"));

        Outcome inside = handler.run(
                new Invocation("a1", Map.of("command", "pwd", "cwd", "./sub/../sub/dir"), Duration.ofSeconds(10)));

        assertThat(output(inside)).containsEntry("stdout", root.resolve("sub/dir") + "\n");
        assertThat(handler.run(new Invocation("a2", Map.of("command", "pwd", "cwd", "../"), Duration.ofSeconds(10)))
                        .errorCode())
                .isEqualTo(ErrorCode.PATH_OUTSIDE_WORKSPACE);
        assertThat(handler.run(new Invocation("a3", Map.of("command", "pwd", "cwd", "/etc"), Duration.ofSeconds(10)))
                        .errorCode())
                .isEqualTo(ErrorCode.PATH_OUTSIDE_WORKSPACE);
        assertThat(handler.run(new Invocation("a4", Map.of("command", "pwd", "cwd", "missing"), Duration.ofSeconds(10)))
                        .errorCode())
                .isEqualTo(ErrorCode.NOT_A_DIRECTORY);
    }

    @Test
    void passesWordsToTheProgramWithoutAShell() {
        Outcome outcome = run("echo '$HOME' \"a  b\" ; *", Duration.ofSeconds(10));
        assertThat(output(outcome)).containsEntry("stdout", "$HOME a  b ; *\n");
    }

    @Test
    void closesStandardInput() {
        Outcome outcome = run("cat", Duration.ofSeconds(10));
        assertThat(outcome.success()).isTrue();
        assertThat(output(outcome)).containsEntry("stdout", "");
    }

    @Test
    void failsOnNonZeroExitKeepingTheOutputAsEvidence() {
        Outcome outcome = run("sh -c 'echo partial; echo boom >&2; exit 3'", Duration.ofSeconds(10));
        assertThat(outcome.success()).isFalse();
        assertThat(outcome.errorCode()).isEqualTo(ErrorCode.COMMAND_FAILED);
        assertThat(outcome.errorMessage()).contains("exited with code 3").contains("boom");
        assertThat(outcome.evidence())
                .containsEntry("exit_code", 3)
                .containsEntry("stdout", "partial\n")
                .containsEntry("stderr", "boom\n");
        assertThat(outcome.retriable()).isFalse();
    }

    @Test
    void cutsOutputAtTheLimitAndSaysSo() {
        Outcome outcome = run("head -c 5000 /dev/zero", Duration.ofSeconds(10));
        assertThat(outcome.success()).isTrue();
        assertThat(output(outcome)).containsEntry("truncated", true);
        assertThat((String) output(outcome).get("stdout")).hasSize(1024);
    }

    @Test
    void reportsMissingProgram() {
        Outcome outcome = run("no-such-program-handrail --version", Duration.ofSeconds(10));
        assertThat(outcome.errorCode()).isEqualTo(ErrorCode.COMMAND_NOT_FOUND);
        assertThat(outcome.errorMessage()).contains("no-such-program-handrail");
    }

    @Test
    void reportsProgramThatCannotBeExecuted() throws IOException {
        Files.writeString(root.resolve("script.sh"), "echo hi\n");
        Outcome outcome = run("./script.sh", Duration.ofSeconds(10));
        assertThat(outcome.errorCode()).isEqualTo(ErrorCode.COMMAND_NOT_STARTED);
    }

    @Test
    void refusesUnbalancedQuotes() {
        assertThatThrownBy(() -> run("echo 'oops", Duration.ofSeconds(10)))
                .isInstanceOf(RefusedException.class)
                .extracting(e -> ((RefusedException) e).code())
                .isEqualTo(ErrorCode.INVALID_COMMAND);
    }

    @Test
    void killsTheProgramWhenTheTimeIsUp() {
        long started = System.nanoTime();
        Outcome outcome = run("sleep 30", Duration.ofMillis(300));
        assertThat(outcome.errorCode()).isEqualTo(ErrorCode.TIMEOUT);
        assertThat(outcome.errorMessage()).startsWith("Timed out after 300 ms");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
        assertGone((Long) outcome.evidence().get("pid"));
    }

    @Test
    void killsTheWholeProcessTreeWhenTheTimeIsUp() {
        Outcome outcome = run("sh -c 'sleep 30 & echo $!; wait'", Duration.ofMillis(500));
        assertThat(outcome.errorCode()).isEqualTo(ErrorCode.TIMEOUT);
        long child = Long.parseLong(((String) outcome.evidence().get("stdout")).strip());
        assertGone(child);
        assertGone((Long) outcome.evidence().get("pid"));
    }

    @Test
    void killsTheTreeWhenInterruptedByTheRunnersDeadline() throws InterruptedException {
        HandlerRunner runner = new HandlerRunner(Duration.ofSeconds(5));
        CapabilityHandler ignoringOwnClock = new CapabilityHandler() {
            @Override
            public String intent() {
                return handler.intent();
            }

            @Override
            public Outcome run(Invocation invocation) {
                return handler.run(new Invocation(invocation.actionId(), invocation.params(), Duration.ofMinutes(5)));
            }
        };
        Outcome outcome = runner.run(
                ignoringOwnClock,
                new Invocation("a1", Map.of("command", "sh -c 'sleep 30 & echo $!; wait'"), Duration.ofMillis(500)));
        assertThat(outcome.errorCode()).isEqualTo(ErrorCode.TIMEOUT);
        assertThat(outcome.errorMessage()).isEqualTo("Timed out after 500 ms");
        assertGone(Long.parseLong(((String) outcome.evidence().get("stdout")).strip()));
    }

    @Test
    void killsTheTreeWhenItsThreadIsInterrupted() throws Exception {
        CompletableFuture<Outcome> result = new CompletableFuture<>();
        Thread worker = Thread.ofVirtual()
                .start(() -> result.complete(run("sh -c 'sleep 30 & echo $!; wait'", Duration.ofMinutes(5))));
        await().atMost(Duration.ofSeconds(10))
                .until(() -> ProcessHandle.current()
                        .descendants()
                        .anyMatch(p -> p.info().command().orElse("").endsWith("sleep")));
        worker.interrupt();
        Outcome outcome = result.get(10, TimeUnit.SECONDS);
        assertThat(outcome.errorCode()).isEqualTo(ErrorCode.INTERRUPTED);
        assertGone(Long.parseLong(((String) outcome.evidence().get("stdout")).strip()));
    }

    private Outcome run(String command, Duration timeout) {
        return handler.run(new Invocation("a1", Map.of("command", command), timeout));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> output(Outcome outcome) {
        return (Map<String, Object>) outcome.output();
    }

    private static void assertGone(long pid) {
        await().atMost(Duration.ofSeconds(10))
                .until(() -> ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true));
    }
}
