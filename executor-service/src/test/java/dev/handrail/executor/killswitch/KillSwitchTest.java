package dev.handrail.executor.killswitch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.handrail.contracts.action.Execution;
import dev.handrail.contracts.error.ErrorCode;
import dev.handrail.contracts.message.ActionEvent;
import dev.handrail.contracts.message.ActionFailed;
import dev.handrail.contracts.message.ActionSucceeded;
import dev.handrail.contracts.message.ContentHash;
import dev.handrail.contracts.message.ExecuteCommand;
import dev.handrail.contracts.message.ExecutionStarted;
import dev.handrail.executor.capability.Availability;
import dev.handrail.executor.capability.CapabilityHandler;
import dev.handrail.executor.capability.CapabilityRegistry;
import dev.handrail.executor.capability.Invocation;
import dev.handrail.executor.capability.Outcome;
import dev.handrail.executor.execution.CommandExecutor;
import dev.handrail.executor.execution.HandlerRunner;
import dev.handrail.executor.execution.RunningCommands;
import dev.handrail.executor.program.ExecutableAllowlist;
import dev.handrail.executor.program.ProgramResolver;
import dev.handrail.executor.shell.ShellRunHandler;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The kill switch's scopes, and what engaging one does to work running on this node. */
class KillSwitchTest {

    static final String NODE = "desk-1";
    static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    @TempDir
    Path tmp;

    final RunningCommands running = new RunningCommands();
    final KillSwitch killSwitch = new KillSwitch(NODE, running);
    final List<ActionEvent> events = new CopyOnWriteArrayList<>();

    @Test
    void readsTheThreeScopesAndWhatEachCovers() {
        assertThat(KillSwitchScope.parse("global").orElseThrow().covers("file.read", "any"))
                .isTrue();
        KillSwitchScope shell = KillSwitchScope.parse("capability:shell.run").orElseThrow();
        assertThat(shell.covers("shell.run", NODE)).isTrue();
        assertThat(shell.covers("file.read", NODE)).isFalse();
        KillSwitchScope node = KillSwitchScope.parse("node:desk-1").orElseThrow();
        assertThat(node.covers("file.read", NODE)).isTrue();
        assertThat(node.covers("file.read", "desk-2")).isFalse();
        assertThat(KillSwitchScope.parse("session:x")).isEmpty();
        assertThat(KillSwitchScope.parse("capability:")).isEmpty();
        assertThat(node.toString()).isEqualTo("node:desk-1");
    }

    @Test
    void blocksCommandsInAnEngagedScopeUntilReleasedAndKeepsTheLatestChangePerScope() {
        killSwitch.apply("capability:shell.run", true, "incident 7", "admin", T0);
        assertThat(killSwitch.blocking("shell.run"))
                .contains("the kill switch is engaged for capability:shell.run: incident 7");
        assertThat(killSwitch.blocking("file.read")).isEmpty();

        killSwitch.apply("capability:shell.run", false, "over", "admin", T0.plusSeconds(10));
        killSwitch.apply("capability:shell.run", true, "replayed, older", "admin", T0.plusSeconds(5));
        assertThat(killSwitch.blocking("shell.run")).isEmpty();

        killSwitch.apply("node:desk-2", true, "other desk", "admin", T0);
        assertThat(killSwitch.blocking("file.read")).isEmpty();
        killSwitch.apply("node:desk-1", true, "this desk", "admin", T0);
        assertThat(killSwitch.blocking("file.read")).isPresent();
    }

    @Test
    void abortsRunningCommandsInScopeOnly() throws Exception {
        CountDownLatch started = new CountDownLatch(2);
        CapabilityHandler blocking = new Blocking("file.read", started);
        CapabilityHandler other = new Blocking("clipboard.read", started);
        CommandExecutor executor = executor(blocking, other);
        CompletableFuture<Void> read = run(executor, command("a-read", "file.read", Map.of("path", "x")));
        CompletableFuture<Void> clip = run(executor, command("a-clip", "clipboard.read", Map.of()));
        assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();

        killSwitch.apply("capability:file.read", true, "stop reading", "admin", Instant.now());

        read.get(10, TimeUnit.SECONDS);
        Execution aborted = failureOf("a-read");
        assertThat(aborted.errorCode()).isEqualTo(ErrorCode.ABORTED_BY_KILL_SWITCH.code());
        assertThat(aborted.errorMessage()).contains("capability:file.read").contains("stop reading");
        assertThat(clip).isNotDone();
        assertThat(running.size()).isEqualTo(1);

        killSwitch.apply("global", true, "stop everything", "admin", Instant.now());
        clip.get(10, TimeUnit.SECONDS);
        assertThat(failureOf("a-clip").errorCode()).isEqualTo(ErrorCode.ABORTED_BY_KILL_SWITCH.code());
        assertThat(running.size()).isZero();
    }

    @Test
    void refusesANewCommandInAnEngagedScopeWithoutStartingIt() {
        killSwitch.apply("global", true, "maintenance", "admin", T0);
        CommandExecutor executor = executor(new Blocking("file.read", new CountDownLatch(1)));
        executor.execute(command("a1", "file.read", Map.of("path", "x")), 1, events::add);

        assertThat(events).singleElement().isInstanceOf(ActionFailed.class);
        assertThat(((ActionFailed) events.get(0)).execution().errorCode())
                .isEqualTo(ErrorCode.KILL_SWITCH_ENGAGED.code());

        killSwitch.apply("global", false, "done", "admin", T0.plusSeconds(1));
        events.clear();
        CommandExecutor released = executor(handler("file.read", Outcome.succeeded(Map.of("text", "ok"), Map.of())));
        released.execute(command("a2", "file.read", Map.of("path", "x")), 1, events::add);
        assertThat(events).hasSize(2).last().isInstanceOf(ActionSucceeded.class);
    }

    @Test
    void abortingAShellCommandKillsItsWholeProcessTree() throws Exception {
        ShellRunHandler shell = new ShellRunHandler(
                tmp.toRealPath(),
                4096,
                new ExecutableAllowlist(List.of("sh"), true, ProgramResolver.fromEnvironment(), "test"));
        CommandExecutor executor = executor(shell);
        CompletableFuture<Void> done =
                run(executor, command("a-sh", "shell.run", Map.of("command", "sh -c 'sleep 60 & echo $!; wait'")));
        await().atMost(Duration.ofSeconds(10))
                .until(() -> ProcessHandle.current()
                        .descendants()
                        .anyMatch(p -> p.info().command().orElse("").endsWith("sleep")));

        killSwitch.apply("node:desk-1", true, "pull the plug", "admin", Instant.now());

        done.get(20, TimeUnit.SECONDS);
        Execution aborted = failureOf("a-sh");
        assertThat(aborted.errorCode()).isEqualTo(ErrorCode.ABORTED_BY_KILL_SWITCH.code());
        long sleeper = Long.parseLong(((String) aborted.evidence().get("stdout")).strip());
        await().atMost(Duration.ofSeconds(10))
                .until(() -> ProcessHandle.of(sleeper).map(p -> !p.isAlive()).orElse(true));
        long parent = ((Number) aborted.evidence().get("pid")).longValue();
        await().atMost(Duration.ofSeconds(10))
                .until(() -> ProcessHandle.of(parent).map(p -> !p.isAlive()).orElse(true));
    }

    @Test
    void refusesADesktopCommandWithoutASessionBeforeItStarts() {
        CapabilityHandler unavailable = new CapabilityHandler() {
            @Override
            public String intent() {
                return "window.list";
            }

            @Override
            public Availability availability() {
                return Availability.unavailable(
                        ErrorCode.NO_DESKTOP_SESSION, "No desktop session on this node: DISPLAY is not set");
            }

            @Override
            public Outcome run(Invocation invocation) {
                throw new AssertionError("must not run");
            }
        };
        CapabilityRegistry registry = new CapabilityRegistry(List.of(unavailable));
        assertThat(registry.implementedIntents()).doesNotContain("window.list");
        executor(unavailable).execute(command("a1", "window.list", Map.of()), 1, events::add);
        assertThat(events).noneMatch(ExecutionStarted.class::isInstance);
        assertThat(((ActionFailed) events.get(0)).execution().errorCode()).isEqualTo("NO_DESKTOP_SESSION");
    }

    private CommandExecutor executor(CapabilityHandler... handlers) {
        return new CommandExecutor(
                NODE,
                new CapabilityRegistry(List.of(handlers)),
                new HandlerRunner(Duration.ofSeconds(5)),
                running,
                killSwitch);
    }

    private CompletableFuture<Void> run(CommandExecutor executor, ExecuteCommand command) {
        return CompletableFuture.runAsync(() -> executor.execute(command, 1, events::add));
    }

    private Execution failureOf(String actionId) {
        return events.stream()
                .filter(ActionFailed.class::isInstance)
                .map(ActionFailed.class::cast)
                .filter(e -> e.actionId().equals(actionId))
                .findFirst()
                .orElseThrow()
                .execution();
    }

    private static ExecuteCommand command(String id, String intent, Map<String, Object> params) {
        return new ExecuteCommand(
                id, intent, params, NODE, 60_000, 0, ContentHash.of(intent, params, NODE), "s1", "agent");
    }

    private static CapabilityHandler handler(String intent, Outcome outcome) {
        return new CapabilityHandler() {
            @Override
            public String intent() {
                return intent;
            }

            @Override
            public Outcome run(Invocation invocation) {
                return outcome;
            }
        };
    }

    /** Blocks until interrupted. */
    private record Blocking(String intent, CountDownLatch started) implements CapabilityHandler {
        @Override
        public Outcome run(Invocation invocation) throws InterruptedException {
            started.countDown();
            new CountDownLatch(1).await();
            return Outcome.succeeded(Map.of("text", "never"), Map.of());
        }
    }
}
