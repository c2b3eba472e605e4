package dev.handrail.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.handrail.devkit.ExecutorNodes;
import io.nats.client.Connection;
import io.nats.client.ErrorListener;
import io.nats.client.Nats;
import io.nats.client.Options;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A second executor node, enrolled with {@code ./handrail nodes add} before the system starts and
 * run with nothing but its credentials file, end to end: it heartbeats into the health summary,
 * runs the actions planned for it in its own workspace, and its NATS identity can neither read the
 * local node's commands nor publish the local node's results.
 */
class NodeEnrolmentIT {

    private static final String NODE = "second";
    private static LocalSystem system;
    private static Api agent;
    private static Path credentials;

    @BeforeAll
    static void startSystemAndNode() throws Exception {
        TestHome home = TestHome.create("handrail-nodes-it");
        Files.writeString(home.workspace().resolve("where.txt"), "on the local node");
        Path secondWorkspace =
                Files.createDirectories(home.home().resolveSibling(home.home().getFileName() + "-second"));
        Files.writeString(secondWorkspace.resolve("where.txt"), "on node second");
        Settings settings = home.settings();
        ByteArrayOutputStream said = new ByteArrayOutputStream();

        int status = new NodesCommand(settings, new PrintStream(said, true, StandardCharsets.UTF_8))
                .run(List.of("add", NODE));

        String output = said.toString(StandardCharsets.UTF_8);
        assertThat(status).as(output).isZero();
        assertThat(output).contains("executor-second").contains("./handrail up takes the node up when it starts");
        credentials = ExecutorNodes.in(settings.home()).find(NODE).orElseThrow().credentialsFile();
        assertThat(output).contains(credentials.toString());
        system = LocalSystem.start(settings);
        system.startNode(credentials, secondWorkspace);
        agent = Api.admin(system).as("nodes-it", "agent");
    }

    @AfterAll
    static void stopSystem() {
        if (system != null) {
            system.close();
        }
    }

    @Test
    void theEnrolledNodeHeartbeatsAndRunsTheActionsPlannedForIt() {
        Api admin = Api.admin(system);
        await().atMost(Duration.ofSeconds(90))
                .ignoreExceptions()
                .untilAsserted(() -> assertThat(admin.get("/v1/health/summary")
                                .body()
                                .path("dependencies")
                                .path("node:" + NODE)
                                .path("state")
                                .asText())
                        .isEqualTo("healthy"));
        agent.awaitNodeImplements("file.read");

        assertThat(readWhere(NODE)).isEqualTo("on node second");
        assertThat(readWhere(LocalSystem.NODE)).isEqualTo("on the local node");
    }

    @Test
    void theNodesIdentityCannotReadTheLocalNodesCommandsNorPublishItsResults() throws Exception {
        String url = ExecutorNodes.withServer(
                ExecutorNodes.readCredentials(credentials).get("HANDRAIL_NATS_URL"),
                system.infrastructure().natsServerUrl());
        List<String> errors = new CopyOnWriteArrayList<>();
        Options options = Options.builder()
                .server(url)
                .noReconnect()
                .inboxPrefix("_INBOX.executor-" + NODE)
                .errorListener(new ErrorListener() {
                    @Override
                    public void errorOccurred(Connection conn, String error) {
                        errors.add(error);
                    }
                })
                .build();
        try (Connection connection = Nats.connect(options)) {
            connection.publish("handrail.v1.heartbeat.node." + NODE, "{}".getBytes(StandardCharsets.UTF_8));
            connection.flush(Duration.ofSeconds(2));
            assertThat(errors).as("its own subjects").isEmpty();

            connection.subscribe("handrail.v1.exec.local");
            connection.publish(
                    "handrail.v1.events.action.succeeded.file.read.node.local", "{}".getBytes(StandardCharsets.UTF_8));
            connection.flush(Duration.ofSeconds(2));

            await().atMost(Duration.ofSeconds(5))
                    .untilAsserted(
                            () -> assertThat(errors)
                                    .anySatisfy(e -> assertThat(e)
                                            .containsIgnoringCase("Permissions Violation")
                                            .contains("Subscription to \"handrail.v1.exec.local\""))
                                    .anySatisfy(
                                            e -> assertThat(e)
                                                    .containsIgnoringCase("Permissions Violation")
                                                    .contains(
                                                            "Publish to \"handrail.v1.events.action.succeeded.file.read.node.local\"")));
        }
    }

    /** Plans a file.read of {@code where.txt} on {@code node} and returns what it read. */
    private static String readWhere(String node) {
        Api.Answer answer =
                agent.plan(Map.of("intent", "file.read", "params", Map.of("path", "where.txt"), "node", node));
        assertThat(answer.body().path("state").asText())
                .as(answer.body().toString())
                .isEqualTo("succeeded");
        assertThat(answer.body().path("node").asText()).isEqualTo(node);
        return answer.body().path("execution").path("output").path("content").asText();
    }
}
