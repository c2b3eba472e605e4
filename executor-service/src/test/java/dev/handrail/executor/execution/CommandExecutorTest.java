package dev.handrail.executor.execution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.handrail.contracts.action.Execution;
import dev.handrail.contracts.error.ErrorCode;
import dev.handrail.contracts.message.ActionEvent;
import dev.handrail.contracts.message.ActionFailed;
import dev.handrail.contracts.message.ActionSucceeded;
import dev.handrail.contracts.message.ContentHash;
import dev.handrail.contracts.message.ExecuteCommand;
import dev.handrail.contracts.message.ExecutionStarted;
import dev.handrail.executor.capability.CapabilityHandler;
import dev.handrail.executor.capability.CapabilityRegistry;
import dev.handrail.executor.capability.Invocation;
import dev.handrail.executor.capability.Outcome;
import dev.handrail.executor.capability.RefusedException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class CommandExecutorTest {

    static final String NODE = "n1";

    final List<ActionEvent> events = new CopyOnWriteArrayList<>();

    @Test
    void reportsExecutingThenSucceededWithTheHandlersOutputAndEvidence() {
        FakeHandler handler =
                new FakeHandler("file.read", Outcome.succeeded(Map.of("text", "hello"), Map.of("bytes", 5)));
        executor(handler).execute(command("file.read", Map.of("path", "a.txt"), 5000, 0), 1, events::add);

        assertThat(events).hasSize(2);
        assertThat(events.get(0)).isEqualTo(new ExecutionStarted("a1", "file.read", NODE, 1));
        ActionSucceeded succeeded = (ActionSucceeded) events.get(1);
        assertThat(succeeded.execution().output()).isEqualTo(Map.of("text", "hello"));
        assertThat(succeeded.execution().evidence()).containsEntry("bytes", 5);
        assertThat(succeeded.execution().retriesUsed()).isZero();
        assertThat(handler.calls).hasValue(1);
        assertThat(handler.params).containsEntry("path", "a.txt");
    }

    @Test
    void refusesCommandWhoseContentDoesNotMatchItsHashWithoutRunningIt() {
        FakeHandler handler = new FakeHandler("file.write", Outcome.succeeded(Map.of("text", "x"), Map.of()));
        ExecuteCommand honest = command("file.write", Map.of("path", "a.txt", "content", "ok"), 5000, 0);
        ExecuteCommand tampered = new ExecuteCommand(
                honest.actionId(),
                honest.intent(),
                Map.of("path", "/etc/passwd", "content", "evil"),
                honest.node(),
                honest.timeoutMs(),
                honest.maxRetries(),
                honest.contentHash(),
                null,
                null);
        executor(handler).execute(tampered, 1, events::add);

        assertThat(events).singleElement().isInstanceOf(ActionFailed.class);
        assertThat(failure(0).errorCode()).isEqualTo(ErrorCode.CONTENT_MISMATCH.code());
        assertThat(handler.calls).hasValue(0);
    }

    @Test
    void doesNotRerunRedeliveredCommandOfNonIdempotentCapability() {
        FakeHandler handler = new FakeHandler("shell.run", Outcome.succeeded(Map.of("text", "x"), Map.of()));
        executor(handler).execute(command("shell.run", Map.of("command", "rm x"), 5000, 0), 2, events::add);

        assertThat(events).singleElement().isInstanceOf(ActionFailed.class);
        assertThat(failure(0).errorCode()).isEqualTo(ErrorCode.INTERRUPTED.code());
        assertThat(failure(0).errorMessage())
                .contains("stopped mid-action")
                .contains("not idempotent")
                .contains("not run again");
        assertThat(handler.calls).hasValue(0);
    }

    @Test
    void runsRedeliveredCommandOfIdempotentCapabilityAgain() {
        FakeHandler handler = new FakeHandler("file.read", Outcome.succeeded(Map.of("text", "x"), Map.of()));
        executor(handler).execute(command("file.read", Map.of("path", "a"), 5000, 0), 3, events::add);

        assertThat(events.get(0)).isEqualTo(new ExecutionStarted("a1", "file.read", NODE, 3));
        assertThat(events.get(1)).isInstanceOf(ActionSucceeded.class);
        assertThat(handler.calls).hasValue(1);
    }

    @Test
    void neitherRunsNorReportsACommandRedeliveredAfterItsOutcomeWasPublished() {
        FakeHandler shell = new FakeHandler("shell.run", Outcome.succeeded(Map.of("text", "x"), Map.of()));
        FakeHandler read = new FakeHandler("file.read", Outcome.succeeded(Map.of("text", "x"), Map.of()));
        CommandExecutor executor = executor(shell, read);
        ExecuteCommand effect = command("shell.run", Map.of("command", "echo x >> log"), 5000, 0);
        executor.execute(effect, 1, events::add);
        assertThat(events).hasSize(2).last().isInstanceOf(ActionSucceeded.class);

        // The acknowledgement was lost (a NATS server restarted): the same command comes back.
        executor.execute(effect, 2, events::add);
        ExecuteCommand again = new ExecuteCommand(
                "a2",
                "file.read",
                Map.of("path", "a"),
                NODE,
                5000,
                0,
                ContentHash.of("file.read", Map.of("path", "a"), NODE),
                null,
                null);
        executor.execute(again, 1, events::add);
        executor.execute(again, 2, events::add);

        assertThat(events).hasSize(4);
        assertThat(events.subList(2, 4)).extracting(ActionEvent::actionId).containsOnly("a2");
        assertThat(shell.calls).hasValue(1);
        assertThat(read.calls).hasValue(1);
    }

    @Test
    void reportsARedeliveredCommandWhoseOutcomeWasNeverPublished() {
        FakeHandler shell = new FakeHandler("shell.run", Outcome.succeeded(Map.of("text", "x"), Map.of()));
        CommandExecutor executor = executor(shell);
        ExecuteCommand effect = command("shell.run", Map.of("command", "echo x >> log"), 5000, 0);
        assertThatThrownBy(() -> executor.execute(effect, 1, event -> {
                    if (event instanceof ActionSucceeded) {
                        throw new IllegalStateException("JetStream did not store it");
                    }
                    events.add(event);
                }))
                .isInstanceOf(IllegalStateException.class);

        executor.execute(effect, 2, events::add);

        assertThat(events).hasSize(2).last().isInstanceOf(ActionFailed.class);
        assertThat(failure(1).errorCode()).isEqualTo(ErrorCode.INTERRUPTED.code());
    }

    @Test
    void answersNotImplementedForCapabilityWithoutHandler() {
        executor().execute(command("keyboard.type", Map.of("text", "hi"), 5000, 0), 1, events::add);

        assertThat(events).singleElement().isInstanceOf(ActionFailed.class);
        assertThat(failure(0).errorCode()).isEqualTo(ErrorCode.NOT_IMPLEMENTED.code());
        assertThat(failure(0).errorMessage()).isEqualTo("keyboard.type is not implemented on this node yet");
    }

    @Test
    void refusesUnknownIntentAndCommandForAnotherNode() {
        executor().execute(command("file.delete", Map.of(), 5000, 0), 1, events::add);
        ExecuteCommand elsewhere = new ExecuteCommand(
                "a2",
                "file.read",
                Map.of("path", "a"),
                "other",
                5000,
                0,
                ContentHash.of("file.read", Map.of("path", "a"), "other"),
                null,
                null);
        executor().execute(elsewhere, 1, events::add);

        assertThat(failure(0).errorCode()).isEqualTo(ErrorCode.UNKNOWN_CAPABILITY.code());
        assertThat(failure(1).errorCode()).isEqualTo(ErrorCode.WRONG_NODE.code());
    }

    @Test
    void retriesRetriableFailuresUpToMaxRetries() {
        FakeHandler handler = new FakeHandler(
                "file.read",
                Outcome.retriable(ErrorCode.IO_ERROR, "busy"),
                Outcome.retriable(ErrorCode.IO_ERROR, "busy"),
                Outcome.succeeded(Map.of("text", "finally"), Map.of()));
        executor(handler).execute(command("file.read", Map.of("path", "a"), 10_000, 2), 1, events::add);

        ActionSucceeded succeeded = (ActionSucceeded) events.get(1);
        assertThat(succeeded.execution().retriesUsed()).isEqualTo(2);
        assertThat(handler.calls).hasValue(3);
    }

    @Test
    void stopsRetryingAtMaxRetriesAndReportsTheLastFailure() {
        FakeHandler handler = new FakeHandler(
                "file.read",
                Outcome.retriable(ErrorCode.IO_ERROR, "busy 1"),
                Outcome.retriable(ErrorCode.IO_ERROR, "busy 2"),
                Outcome.succeeded(Map.of("text", "too late"), Map.of()));
        executor(handler).execute(command("file.read", Map.of("path", "a"), 10_000, 1), 1, events::add);

        assertThat(failure(1).errorCode()).isEqualTo("IO_ERROR");
        assertThat(failure(1).errorMessage()).isEqualTo("busy 2");
        assertThat(failure(1).retriesUsed()).isEqualTo(1);
        assertThat(handler.calls).hasValue(2);
    }

    @Test
    void neverRetriesFailuresTheHandlerCallsFinal() {
        FakeHandler handler = new FakeHandler(
                "shell.run",
                Outcome.failed(ErrorCode.COMMAND_FAILED, "exit 1", Map.of("exit_code", 1)),
                Outcome.succeeded(Map.of("text", "second"), Map.of()));
        executor(handler).execute(command("shell.run", Map.of("command", "false"), 10_000, 3), 1, events::add);

        assertThat(failure(1).errorCode()).isEqualTo("COMMAND_FAILED");
        assertThat(failure(1).evidence()).containsEntry("exit_code", 1);
        assertThat(handler.calls).hasValue(1);
    }

    @Test
    void neverRetriesInputActionsEvenWhenTheHandlerSaysItMayHelp() {
        FakeHandler handler = new FakeHandler(
                "keyboard.type",
                Outcome.retriable(ErrorCode.IO_ERROR, "busy"),
                Outcome.succeeded(Map.of("text", "typed twice"), Map.of()));
        executor(handler).execute(command("keyboard.type", Map.of("text", "hi"), 10_000, 3), 1, events::add);

        assertThat(failure(1).errorCode()).isEqualTo("IO_ERROR");
        assertThat(handler.calls).hasValue(1);
    }

    @Test
    void turnsRefusalIntoFailureWithItsCode() {
        CapabilityHandler refusing = handler("file.read", invocation -> {
            throw new RefusedException(ErrorCode.PATH_OUTSIDE_WORKSPACE, "no");
        });
        executor(refusing).execute(command("file.read", Map.of("path", "/etc"), 5000, 0), 1, events::add);

        assertThat(failure(1).errorCode()).isEqualTo("PATH_OUTSIDE_WORKSPACE");
        assertThat(failure(1).errorMessage()).isEqualTo("no");
    }

    @Test
    void reportsExecutorErrorWhenTheHandlerBreaks() {
        CapabilityHandler broken = handler("file.read", invocation -> {
            throw new IllegalStateException("bug");
        });
        executor(broken).execute(command("file.read", Map.of("path", "a"), 5000, 3), 1, events::add);

        assertThat(failure(1).errorCode()).isEqualTo(ErrorCode.EXECUTOR_ERROR.code());
        assertThat(failure(1).errorMessage()).contains("bug");
    }

    @Test
    void timesOutAndInterruptsAHandlerThatTakesTooLong() {
        CountDownLatch interrupted = new CountDownLatch(1);
        CapabilityHandler slow = handler("file.read", invocation -> {
            try {
                new CountDownLatch(1).await();
            } catch (InterruptedException e) {
                interrupted.countDown();
                throw e;
            }
            return Outcome.succeeded(Map.of("text", "never"), Map.of());
        });
        executor(slow).execute(command("file.read", Map.of("path", "a"), 200, 3), 1, events::add);

        assertThat(failure(1).errorCode()).isEqualTo(ErrorCode.TIMEOUT.code());
        assertThat(failure(1).errorMessage()).isEqualTo("Timed out after 200 ms");
        assertThat(failure(1).durationMs()).isBetween(190L, 5_000L);
        assertThat(interrupted.getCount()).isZero();
    }

    @Test
    void reportsNonIdempotentActionAsInterruptedWhenTheExecutorStops() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CapabilityHandler blocking = handler("shell.run", invocation -> {
            started.countDown();
            new CountDownLatch(1).await();
            return Outcome.succeeded(Map.of("text", "never"), Map.of());
        });
        CompletableFuture<Void> done = new CompletableFuture<>();
        Thread worker = Thread.ofVirtual().start(() -> {
            executor(blocking).execute(command("shell.run", Map.of("command", "sleep 9"), 60_000, 0), 1, events::add);
            done.complete(null);
        });
        assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
        worker.interrupt();
        done.get(10, TimeUnit.SECONDS);

        assertThat(failure(1).errorCode()).isEqualTo(ErrorCode.INTERRUPTED.code());
    }

    @Test
    void leavesIdempotentActionForRedeliveryWhenTheExecutorStops() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CapabilityHandler blocking = handler("file.read", invocation -> {
            started.countDown();
            new CountDownLatch(1).await();
            return Outcome.succeeded(Map.of("text", "never"), Map.of());
        });
        CompletableFuture<Void> done = new CompletableFuture<>();
        Thread worker = Thread.ofVirtual().start(() -> {
            try {
                executor(blocking).execute(command("file.read", Map.of("path", "a"), 60_000, 0), 1, events::add);
                done.complete(null);
            } catch (RuntimeException e) {
                done.completeExceptionally(e);
            }
        });
        assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
        worker.interrupt();

        assertThatThrownBy(() -> done.get(10, TimeUnit.SECONDS))
                .hasCauseInstanceOf(ExecutionInterruptedException.class);
        assertThat(events).singleElement().isInstanceOf(ExecutionStarted.class);
    }

    private CommandExecutor executor(CapabilityHandler... handlers) {
        return new CommandExecutor(
                NODE, new CapabilityRegistry(List.of(handlers)), new HandlerRunner(Duration.ofSeconds(2)));
    }

    private static ExecuteCommand command(String intent, Map<String, Object> params, long timeoutMs, int maxRetries) {
        return new ExecuteCommand(
                "a1", intent, params, NODE, timeoutMs, maxRetries, ContentHash.of(intent, params, NODE), "s1", "agent");
    }

    private Execution failure(int index) {
        return ((ActionFailed) events.get(index)).execution();
    }

    private interface Body {
        Outcome run(Invocation invocation) throws InterruptedException;
    }

    private static CapabilityHandler handler(String intent, Body body) {
        return new CapabilityHandler() {
            @Override
            public String intent() {
                return intent;
            }

            @Override
            public Outcome run(Invocation invocation) throws InterruptedException {
                return body.run(invocation);
            }
        };
    }

    /** Answers with the given outcomes in turn (the last one repeats) and counts its calls. */
    private static final class FakeHandler implements CapabilityHandler {
        private final String intent;
        private final Deque<Outcome> outcomes;
        private final AtomicInteger calls = new AtomicInteger();
        private volatile Map<String, Object> params;

        FakeHandler(String intent, Outcome... outcomes) {
            this.intent = intent;
            this.outcomes = new ArrayDeque<>(List.of(outcomes));
        }

        @Override
        public String intent() {
            return intent;
        }

        @Override
        public synchronized Outcome run(Invocation invocation) {
            calls.incrementAndGet();
            params = invocation.params();
            return outcomes.size() > 1 ? outcomes.pop() : outcomes.peek();
        }
    }
}
