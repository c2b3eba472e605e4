package dev.handrail.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import dev.handrail.contracts.Subjects;
import dev.handrail.contracts.message.Envelope;
import dev.handrail.devkit.Ports;
import io.nats.client.Connection;
import io.nats.client.IterableConsumer;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.nats.client.api.DeliverPolicy;
import io.nats.client.api.OrderedConsumerConfiguration;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Tapping the action feed from NATS as a feed subscriber, end to end: the identity made by
 * {@code ./handrail subscriber add} before the system starts, the documented example
 * docs/examples/FeedTap.java run as the docs say, stopped and started again without losing or
 * repeating an event.
 */
class FeedSubscriberIT {

    private static final Path REPO =
            Path.of(System.getProperty("handrail.repo", "..")).toAbsolutePath().normalize();
    private static LocalSystem system;
    private static Api agent;

    @BeforeAll
    static void startSystem() throws IOException {
        Awaitility.ignoreExceptionsByDefault();
        Path home = Files.createTempDirectory("handrail-feed-it");
        Path workspace = Files.createDirectories(Settings.defaultWorkspace(home));
        Files.writeString(workspace.resolve("notes.txt"), "notes");
        Settings settings = new Settings(Ports.free(), home, workspace, REPO, null, null, false);
        ByteArrayOutputStream said = new ByteArrayOutputStream();
        int status = new SubscriberCommand(settings, new PrintStream(said, true, StandardCharsets.UTF_8))
                .run(List.of("add", "it-tap"));
        assertThat(status).as(said.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(said.toString(StandardCharsets.UTF_8)).contains("./handrail up takes it up");
        system = LocalSystem.start(settings);
        agent = Api.admin(system).as("tapper", "agent");
        agent.awaitNodeImplements("file.read");
    }

    @AfterAll
    static void stopSystem() {
        if (system != null) {
            system.close();
        }
    }

    @Test
    void aSubscriberTapsTheFeedStopsAndResumesWithoutLosingOrRepeatingAnEvent() throws Exception {
        readFiles(3);

        List<String> first = tap(5);
        readFiles(2);
        List<String> second = tap(0);

        List<String> all = new ArrayList<>(first);
        all.addAll(second);
        assertThat(first).hasSize(5);
        assertThat(all).doesNotHaveDuplicates().containsExactlyElementsOf(actionEventsInTheStream());
        assertThat(second)
                .filteredOn(e -> e.endsWith(".succeeded"))
                .hasSize(5
                        - (int) first.stream()
                                .filter(e -> e.endsWith(".succeeded"))
                                .count());
    }

    @Test
    void theSubscriberCommandRefusesATakenOrUnusableName() {
        ByteArrayOutputStream said = new ByteArrayOutputStream();
        SubscriberCommand command =
                new SubscriberCommand(system.settings(), new PrintStream(said, true, StandardCharsets.UTF_8));

        assertThat(command.run(List.of("add", "twice"))).isZero();
        assertThat(command.run(List.of("add", "twice"))).isEqualTo(1);
        assertThat(command.run(List.of("add", "a.b"))).isEqualTo(1);
        assertThat(command.run(List.of("remove", "twice"))).isEqualTo(2);
        assertThat(said.toString(StandardCharsets.UTF_8))
                .contains("exists already")
                .contains("Not a valid subscriber");
    }

    /** Plans and awaits {@code count} file.read actions to their success. */
    private static void readFiles(int count) {
        for (int i = 0; i < count; i++) {
            Api.Answer answer = agent.plan(Map.of("intent", "file.read", "params", Map.of("path", "notes.txt")));
            assertThat(answer.body().path("state").asText())
                    .as(answer.body().toString())
                    .isEqualTo("succeeded");
        }
    }

    /**
     * Runs the documented example as docs/feed-subscriber.md says, reading at most {@code max}
     * events (0: until none came for 3 s); each event as "seq id".
     */
    private static List<String> tap(int max) throws Exception {
        String classPath = Files.readString(REPO.resolve("launcher/target/runtime-classpath.txt"))
                .trim();
        Path seed = system.settings().home().resolve("subscribers").resolve("it-tap.nk");
        Process process = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp",
                        classPath,
                        REPO.resolve("docs/examples/FeedTap.java").toString(),
                        system.infrastructure().natsServerUrl(),
                        seed.toString(),
                        "it-tap",
                        String.valueOf(max == 0 ? Long.MAX_VALUE : max),
                        "3")
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(out).isZero();
        List<String> events = new ArrayList<>();
        for (String line : out.lines().toList()) {
            String[] parts = line.split(" ", 3);
            events.add(parts[0] + " "
                    + Envelope.parse(parts[2].getBytes(StandardCharsets.UTF_8)).id());
        }
        return events;
    }

    /** Every action event the stream holds, as "seq id", read by the admin. */
    private static List<String> actionEventsInTheStream() throws Exception {
        List<String> events = new ArrayList<>();
        try (Connection admin = Nats.connect(system.infrastructure().natsUrlFor("admin"));
                IterableConsumer consumer = admin.getStreamContext(Subjects.STREAM_EVENTS)
                        .createOrderedConsumer(new OrderedConsumerConfiguration()
                                .filterSubject(Subjects.ACTION_EVENTS_ALL)
                                .deliverPolicy(DeliverPolicy.All))
                        .iterate()) {
            Message message = consumer.nextMessage(Duration.ofSeconds(3));
            while (message != null) {
                events.add(message.metaData().streamSequence() + " "
                        + Envelope.parse(message.getData()).id());
                if (message.metaData().pendingCount() == 0) {
                    break;
                }
                message = consumer.nextMessage(Duration.ofSeconds(3));
            }
        }
        return events;
    }
}
