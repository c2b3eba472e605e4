package dev.handrail.devkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nats.client.Connection;
import io.nats.client.Nats;
import io.nats.client.Options;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A local nats-server takes up the nodes enrolled in its home when it starts: an enrolled node
 * connects with its credentials; once revoked, it cannot from the server's next start; a node
 * nobody enrolled never can.
 */
class EnrolledNodesTest {

    /** An environment that keeps {@link Infrastructure} from starting a database a test does not use. */
    static final Map<String, String> NO_DATABASE = Map.of(Infrastructure.ENV_DB_URL, "jdbc:postgresql://unused/x");

    @Test
    void anEnrolledNodeConnectsUntilItIsRevokedAndTheServerRestarts() throws Exception {
        Path home = Files.createTempDirectory("enrolled-nodes");
        ExecutorNodes nodes = ExecutorNodes.in(home);
        ExecutorNodes.Node desk = nodes.add("desk", null);
        ExecutorNodes.Node other = nodes.add("other", null);
        String deskUrl = url(desk);
        String otherUrl = url(other);

        try (Infrastructure infra = Infrastructure.start(NO_DATABASE, home, false, true)) {
            String server = infra.natsServerUrl();
            try (Connection connection = connect(ExecutorNodes.withServer(deskUrl, server))) {
                assertThat(connection.getStatus()).isEqualTo(Connection.Status.CONNECTED);
            }
            assertThat(nodes.revoke("desk")).isTrue();
            try (Connection stillUp = connect(ExecutorNodes.withServer(deskUrl, server))) {
                assertThat(stillUp.getStatus())
                        .as("revoking takes effect on the next start")
                        .isEqualTo(Connection.Status.CONNECTED);
            }
        }

        try (Infrastructure infra = Infrastructure.start(NO_DATABASE, home, false, true)) {
            String server = infra.natsServerUrl();
            assertThatThrownBy(() -> connect(ExecutorNodes.withServer(deskUrl, server)))
                    .hasMessageContaining("Authorization Violation");
            assertThatThrownBy(() -> connect(
                            ExecutorNodes.withServer(deskUrl.replace("executor-desk", "executor-stranger"), server)))
                    .hasMessageContaining("Authorization Violation");
            try (Connection connection = connect(ExecutorNodes.withServer(otherUrl, server))) {
                assertThat(connection.getStatus()).isEqualTo(Connection.Status.CONNECTED);
            }
        }
    }

    private static String url(ExecutorNodes.Node node) {
        return ExecutorNodes.readCredentials(node.credentialsFile()).get("HANDRAIL_NATS_URL");
    }

    private static Connection connect(String url) throws Exception {
        return Nats.connect(Options.builder()
                .server(url)
                .connectionTimeout(Duration.ofSeconds(5))
                .noReconnect()
                .build());
    }
}
