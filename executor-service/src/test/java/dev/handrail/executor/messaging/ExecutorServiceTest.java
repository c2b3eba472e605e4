package dev.handrail.executor.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.handrail.bus.Bus;
import dev.handrail.contracts.Subjects;
import dev.handrail.contracts.action.ActionIds;
import dev.handrail.contracts.action.Execution;
import dev.handrail.contracts.json.Json;
import dev.handrail.contracts.message.ActionFailed;
import dev.handrail.contracts.message.ActionSucceeded;
import dev.handrail.contracts.message.ContentHash;
import dev.handrail.contracts.message.Envelope;
import dev.handrail.contracts.message.ExecuteCommand;
import dev.handrail.contracts.message.ExecutionStarted;
import dev.handrail.contracts.message.Heartbeat;
import dev.handrail.contracts.message.KillSwitchChanged;
import dev.handrail.contracts.message.Message;
import dev.handrail.contracts.message.MessageTypes;
import dev.handrail.devkit.Infrastructure;
import dev.handrail.executor.execution.Abort;
import dev.handrail.executor.execution.RunningCommands;
import dev.handrail.executor.killswitch.KillSwitch;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.nats.client.Connection;
import io.nats.client.Dispatcher;
import io.nats.client.IterableConsumer;
import io.nats.client.api.DeliverPolicy;
import io.nats.client.api.OrderedConsumerConfiguration;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The executor on real NATS: execute commands published to its node's subject come back as
 * action events on the feed, and the node says it is alive.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ExecutorServiceTest implements TestPropertyProvider {

    static final String NODE = "it-node";
    static final Duration PATIENCE = Duration.ofSeconds(20);

    @Inject
    Bus bus;

    @Inject
    Connection connection;

    Path workspace;
    Dispatcher tap;
    final List<Envelope> feed = new CopyOnWriteArrayList<>();
    final List<Heartbeat> heartbeats = new CopyOnWriteArrayList<>();

    @Override
    public Map<String, String> getProperties() {
        try {
            workspace = Files.createTempDirectory("handrail-it-ws").toRealPath();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        Map<String, String> properties = new HashMap<>(Infrastructure.shared().serviceProperties(null));
        properties.put("handrail.executor.node-id", NODE);
        properties.put("handrail.executor.workspace-roots", workspace.toString());
        properties.put("handrail.executor.labels.desk", "ci");
        properties.put("handrail.service.heartbeat-interval", "200ms");
        properties.put("handrail.executor.desktop.backend", "none");
        return properties;
    }

    @BeforeAll
    void tapTheFeed() {
        tap = connection.createDispatcher();
        tap.subscribe(Subjects.ACTION_EVENTS_ALL, message -> feed.add(Envelope.parse(message.getData())));
        tap.subscribe(Subjects.HEARTBEAT_ALL, message -> heartbeats.add(Json.read(message.getData(), Heartbeat.class)));
    }

    @AfterAll
    void cleanUp() throws IOException {
        connection.closeDispatcher(tap);
        try (Stream<Path> paths = Files.walk(workspace)) {
            paths.sorted(Comparator.reverseOrder())
                    .forEach(path -> path.toFile().delete());
        }
    }

    @Test
    void writesAFileThenReadsItBackReportingEachStep() throws IOException {
        ExecuteCommand write = send("file.write", Map.of("path", "notes/today.txt", "content", "hello handrail"));
        ActionSucceeded written = awaitEvent(write, ActionSucceeded.class);
        assertThat(written.node()).isEqualTo(NODE);
        assertThat(written.execution().output())
                .isEqualTo(Map.of("path", workspace.resolve("notes/today.txt").toString(), "bytes", 14));
        assertThat(written.execution().evidence()).containsKey("sha256");
        assertThat(Files.readString(workspace.resolve("notes/today.txt"))).isEqualTo("hello handrail");
        assertThat(awaitEvent(write, ExecutionStarted.class).attempt()).isEqualTo(1);

        ExecuteCommand read = send("file.read", Map.of("path", "notes/today.txt"));
        assertThat(awaitEvent(read, ActionSucceeded.class).execution().output())
                .isEqualTo(Map.of(
                        "path",
                        workspace.resolve("notes/today.txt").toString(),
                        "content",
                        "hello handrail",
                        "bytes",
                        14));
    }

    @Test
    void runsAProgramInTheWorkspace() {
        ExecuteCommand run = send("shell.run", Map.of("command", "pwd"));
        Execution execution = awaitEvent(run, ActionSucceeded.class).execution();
        assertThat(execution.output())
                .isEqualTo(Map.of("exit_code", 0, "stdout", workspace + "\n", "stderr", "", "truncated", false));
    }

    @Test
    void reportsAFailingProgramWithItsOutput() {
        ExecuteCommand run = send("shell.run", Map.of("command", "ls no-such-file"));
        Execution execution = awaitEvent(run, ActionFailed.class).execution();
        assertThat(execution.errorCode()).isEqualTo("COMMAND_FAILED");
        assertThat(execution.evidence()).containsEntry("exit_code", 2);
        assertThat((String) execution.evidence().get("stderr")).contains("no-such-file");
    }

    @Test
    void refusesAnInterpreterWithTheDefaultAllowlist() {
        ExecuteCommand run = send("shell.run", Map.of("command", "sh -c 'echo nope'"));
        Execution execution = awaitEvent(run, ActionFailed.class).execution();
        assertThat(execution.errorCode()).isEqualTo("EXECUTABLE_NOT_ALLOWED");
        assertThat(execution.errorMessage()).contains("interpreter");
    }

    @Test
    void abortsRunningWorkWhenTheKillSwitchCoversItAndRefusesMoreUntilReleased() {
        ExecuteCommand sleeping = send("shell.run", Map.of("command", "sleep 60"), 60_000);
        awaitEvent(sleeping, ExecutionStarted.class);
        try {
            killSwitch("node:" + NODE, true);
            Execution aborted = awaitEvent(sleeping, ActionFailed.class).execution();
            assertThat(aborted.errorCode()).isEqualTo("ABORTED_BY_KILL_SWITCH");
            long pid = ((Number) aborted.evidence().get("pid")).longValue();
            await().atMost(PATIENCE)
                    .until(() -> ProcessHandle.of(pid)
                            .map(process -> !process.isAlive())
                            .orElse(true));

            ExecuteCommand refused = send("file.read", Map.of("path", "absent.txt"));
            assertThat(awaitEvent(refused, ActionFailed.class).execution().errorCode())
                    .isEqualTo("KILL_SWITCH_ENGAGED");
            assertThat(eventOf(refused, ExecutionStarted.class)).isEmpty();
        } finally {
            killSwitch("node:" + NODE, false);
        }
        await().atMost(PATIENCE).untilAsserted(() -> {
            ExecuteCommand again = send("shell.run", Map.of("command", "echo back"));
            assertThat(awaitEvent(again, ActionSucceeded.class).execution().output())
                    .isEqualTo(Map.of("exit_code", 0, "stdout", "back\n", "stderr", "", "truncated", false));
        });
    }

    @Test
    void replaysKillSwitchChangesStoredBeforeItStarted() {
        killSwitch("node:replay-node", true);
        KillSwitch late = new KillSwitch("replay-node", new RunningCommands());
        new KillSwitchFeed(bus, late, "replay-node").start();
        assertThat(late.blocking("file.read")).isPresent();
        killSwitch("node:replay-node", false);
        await().atMost(PATIENCE).until(() -> late.blocking("file.read").isEmpty());
    }

    /**
     * The live path is core NATS (at most once); the stream path alone must go on delivering
     * changes after the replay, so a change the live path missed still aborts running work.
     */
    @Test
    void keepsFollowingTheStreamAfterTheReplaySoAMissedLiveChangeStillArrives() throws Exception {
        killSwitch("node:follow-node", true);
        RunningCommands running = new RunningCommands();
        KillSwitch follower = new KillSwitch("follow-node", running);
        KillSwitchFeed feed = new KillSwitchFeed(bus, follower, "follow-node");
        try {
            feed.follow();
            assertThat(follower.blocking("file.read")).isPresent();
            killSwitch("node:follow-node", false);
            await().atMost(PATIENCE).until(() -> follower.blocking("file.read").isEmpty());
            Abort runningCommand = running.start("shell.run", "a-running-command");

            killSwitch("node:follow-node", true);

            await().atMost(PATIENCE).until(() -> runningCommand.reason().isPresent());
        } finally {
            feed.stop();
            killSwitch("node:follow-node", false);
        }
    }

    @Test
    void timesOutALongProgram() {
        Map<String, Object> params = Map.of("command", "sleep 30");
        ExecuteCommand run = new ExecuteCommand(
                ActionIds.next(),
                "shell.run",
                params,
                NODE,
                300,
                0,
                ContentHash.of("shell.run", params, NODE),
                "s-it",
                "it");
        publish(run);
        Execution execution = awaitEvent(run, ActionFailed.class).execution();
        assertThat(execution.errorCode()).isEqualTo("TIMEOUT");
        assertThat(execution.errorMessage()).isEqualTo("Timed out after 300 ms");
        long pid = ((Number) execution.evidence().get("pid")).longValue();
        await().atMost(PATIENCE)
                .until(() ->
                        ProcessHandle.of(pid).map(process -> !process.isAlive()).orElse(true));
    }

    @Test
    void refusesAPathOutsideTheWorkspace() {
        ExecuteCommand read = send("file.read", Map.of("path", "/etc/passwd"));
        Execution execution = awaitEvent(read, ActionFailed.class).execution();
        assertThat(execution.errorCode()).isEqualTo("PATH_OUTSIDE_WORKSPACE");
    }

    @Test
    void refusesACommandWhoseContentDoesNotMatchItsHash() {
        Map<String, Object> allowed = Map.of("path", "allowed.txt", "content", "fine");
        ExecuteCommand tampered = new ExecuteCommand(
                ActionIds.next(),
                "file.write",
                Map.of("path", "tampered.txt", "content", "evil"),
                NODE,
                5000,
                0,
                ContentHash.of("file.write", allowed, NODE),
                "s-it",
                "it");
        publish(tampered);
        Execution execution = awaitEvent(tampered, ActionFailed.class).execution();
        assertThat(execution.errorCode()).isEqualTo("CONTENT_MISMATCH");
        assertThat(eventOf(tampered, ExecutionStarted.class)).isEmpty();
        assertThat(workspace.resolve("tampered.txt")).doesNotExist();
    }

    @Test
    void refusesADesktopCapabilityWithoutADesktopSession() {
        ExecuteCommand list = send("window.list", Map.of());
        Execution execution = awaitEvent(list, ActionFailed.class).execution();
        assertThat(execution.errorCode()).isEqualTo("NO_DESKTOP_SESSION");
        assertThat(execution.errorMessage()).startsWith("No desktop session on this node");
        assertThat(eventOf(list, ExecutionStarted.class)).isEmpty();
    }

    @Test
    void publishesEventsOnTheActionSubjectsCausedByTheCommand() {
        ExecuteCommand read = send("file.read", Map.of("path", "absent.txt"));
        awaitEvent(read, ActionFailed.class);
        Envelope failed = envelopeOf(read, ActionFailed.class).orElseThrow();
        assertThat(failed.id()).isEqualTo(read.actionId() + ".failed");
        assertThat(failed.correlationid()).isEqualTo(read.actionId());
        assertThat(failed.principal()).isEqualTo("it");
        assertThat(failed.message(ActionFailed.class).execution().errorCode()).isEqualTo("FILE_NOT_FOUND");
    }

    @Test
    void sendsANodeHeartbeatListingWhatReallyWorks() {
        Heartbeat beat = await().atMost(PATIENCE)
                .until(
                        () -> heartbeats.stream()
                                .filter(h -> "node".equals(h.kind()) && NODE.equals(h.id()))
                                .findFirst(),
                        Optional::isPresent)
                .orElseThrow();
        assertThat(beat.service()).isEqualTo("executor-service");
        assertThat(beat.intervalMs()).isEqualTo(200);
        assertThat(beat.node().capabilities()).containsExactly("file.read", "file.write", "shell.run");
        assertThat(beat.node().workspaceRoots()).containsExactly(workspace.toString());
        assertThat(beat.node().labels()).containsEntry("desk", "ci");
        assertThat(beat.node().os()).isNotBlank();
        assertThat(beat.node().screen()).isNull();
    }

    @Test
    void reportsAResultTooLargeForTheBusAsAFailureOnceInsteadOfRetryingIt() throws IOException {
        Files.writeString(workspace.resolve("big.txt"), "x".repeat(3 * 1024 * 1024 / 2));
        ExecuteCommand read = send("file.read", Map.of("path", "big.txt"));

        Execution execution = awaitEvent(read, ActionFailed.class).execution();

        assertThat(execution.errorCode()).isEqualTo("RESULT_TOO_LARGE");
        assertThat(execution.errorMessage())
                .startsWith("file.read succeeded, but its result is ")
                .contains("ask for less");
        assertThat(execution.evidence()).containsEntry("ran", "succeeded");
        assertThat(eventOf(read, ActionSucceeded.class)).isEmpty();
        await().during(Duration.ofSeconds(2))
                .atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> assertThat(feed)
                        .filteredOn(e -> read.actionId().equals(e.subject()))
                        .extracting(Envelope::type)
                        .containsExactly("dev.handrail.action.executing.v1", "dev.handrail.action.failed.v1"));
    }

    @Test
    void storesOneOutcomePerActionWhateverIsPublishedAfterIt() throws Exception {
        ExecuteCommand command = new ExecuteCommand(
                ActionIds.next(),
                "shell.run",
                Map.of("command", "true"),
                NODE,
                5000,
                0,
                ContentHash.of("shell.run", Map.of("command", "true"), NODE),
                "s-it",
                "it");
        Envelope cause = Envelope.of("/handrail/test/it", command, "it", "s-it");
        BusEventPublisher events = new BusEventPublisher(bus, cause, NODE);

        // A restarted executor handed the command again after its outcome was stored reports
        // INTERRUPTED; JetStream must keep the first outcome only.
        events.publish(
                new ActionSucceeded(command.actionId(), "shell.run", NODE, Execution.succeeded(Map.of(), 5, 0, null)));
        events.publish(new ActionFailed(
                command.actionId(),
                "shell.run",
                NODE,
                new Execution(false, null, "INTERRUPTED", "stopped mid-action", 0, 0, null)));

        assertThat(storedFor(command.actionId()))
                .extracting(Envelope::id)
                .containsExactly(command.actionId() + ".succeeded");
    }

    private List<Envelope> storedFor(String actionId) throws Exception {
        List<Envelope> stored = new ArrayList<>();
        try (IterableConsumer consumer = connection
                .getStreamContext(Subjects.STREAM_EVENTS)
                .createOrderedConsumer(new OrderedConsumerConfiguration()
                        .filterSubject(Subjects.ACTION_EVENTS_ALL)
                        .deliverPolicy(DeliverPolicy.All))
                .iterate()) {
            io.nats.client.Message message = consumer.nextMessage(Duration.ofSeconds(3));
            while (message != null) {
                Envelope envelope = Envelope.parse(message.getData());
                if (actionId.equals(envelope.subject())) {
                    stored.add(envelope);
                }
                if (message.metaData().pendingCount() == 0) {
                    break;
                }
                message = consumer.nextMessage(Duration.ofSeconds(3));
            }
        }
        return stored;
    }

    private ExecuteCommand send(String intent, Map<String, Object> params) {
        return send(intent, params, 5000);
    }

    private ExecuteCommand send(String intent, Map<String, Object> params, long timeoutMs) {
        ExecuteCommand command = new ExecuteCommand(
                ActionIds.next(),
                intent,
                params,
                NODE,
                timeoutMs,
                0,
                ContentHash.of(intent, params, NODE),
                "s-it",
                "it");
        publish(command);
        return command;
    }

    private void killSwitch(String scope, boolean engaged) {
        bus.publish(
                        Subjects.KILL_SWITCH_EVENTS,
                        Envelope.of(
                                "/handrail/test/it",
                                new KillSwitchChanged(scope, engaged, "test", "it", Instant.now()),
                                "it",
                                null))
                .join();
    }

    private void publish(ExecuteCommand command) {
        bus.publish(Subjects.exec(NODE), Envelope.of("/handrail/test/it", command, "it", "s-it"))
                .join();
    }

    private <T extends Message> T awaitEvent(ExecuteCommand command, Class<T> type) {
        return await().atMost(PATIENCE)
                .until(() -> eventOf(command, type), Optional::isPresent)
                .orElseThrow();
    }

    private <T extends Message> Optional<T> eventOf(ExecuteCommand command, Class<T> type) {
        return envelopeOf(command, type).map(envelope -> envelope.message(type));
    }

    private Optional<Envelope> envelopeOf(ExecuteCommand command, Class<? extends Message> type) {
        return feed.stream()
                .filter(envelope -> command.actionId().equals(envelope.subject()))
                .filter(envelope -> type.isAssignableFrom(MessageTypes.classOf(envelope.type())))
                .findFirst();
    }
}
