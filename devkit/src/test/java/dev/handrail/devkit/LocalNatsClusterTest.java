package dev.handrail.devkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nats.client.Connection;
import io.nats.client.JetStreamManagement;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.nats.client.api.StorageType;
import io.nats.client.api.StreamConfiguration;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code HANDRAIL_NATS_CLUSTER=3}: three local nats-server processes under the run's identities,
 * one JetStream cluster; each identity's URL names every server; a server killed and started
 * again rejoins with its store.
 */
class LocalNatsClusterTest {

    @Test
    void threeServersUnderTheIdentitiesKeepAStreamOnAllThreeAndOutliveLosingItsLeader() throws Exception {
        Path home = Files.createTempDirectory("nats-cluster");
        ExecutorNodes.Node desk = ExecutorNodes.in(home).add("desk", null);
        Map<String, String> env = new java.util.HashMap<>(EnrolledNodesTest.NO_DATABASE);
        env.put(Infrastructure.ENV_NATS_CLUSTER, "3");

        try (Infrastructure infra = Infrastructure.start(env, home, false, true)) {
            LocalNatsCluster cluster = infra.natsCluster().orElseThrow();
            assertThat(cluster.size()).isEqualTo(3);
            assertThat(infra.origin())
                    .contains("local nats-server cluster of 3")
                    .doesNotContain("nats from environment");
            assertThat(infra.natsServerUrl().split(",")).hasSize(3).allMatch(url -> !url.contains("@"));
            assertThat(infra.natsUrlFor("policy").split(","))
                    .hasSize(3)
                    .allMatch(url -> url.startsWith("nats://policy:"));
            String deskUrl = ExecutorNodes.withServer(
                    ExecutorNodes.readCredentials(desk.credentialsFile()).get("HANDRAIL_NATS_URL"),
                    infra.natsServerUrl());
            assertThat(deskUrl.split(",")).hasSize(3).allMatch(url -> url.startsWith("nats://executor-desk:"));

            try (Connection admin = connect(infra.natsUrlFor("admin"))) {
                JetStreamManagement jsm = admin.jetStreamManagement();
                jsm.addStream(StreamConfiguration.builder()
                        .name("CLUSTER_CHECK")
                        .subjects("cluster.check")
                        .storageType(StorageType.File)
                        .replicas(3)
                        .build());
                admin.jetStream().publish("cluster.check", "one".getBytes(java.nio.charset.StandardCharsets.UTF_8));
                int leader = cluster.indexOf(cluster.streamLeader("CLUSTER_CHECK"));

                cluster.kill(leader);
                assertThat(cluster.isRunning(leader)).isFalse();
                org.awaitility.Awaitility.await()
                        .atMost(Duration.ofSeconds(30))
                        .ignoreExceptions()
                        .until(() -> !cluster.streamLeader("CLUSTER_CHECK").equals(cluster.serverName(leader)));
                admin.jetStream().publish("cluster.check", "two".getBytes(java.nio.charset.StandardCharsets.UTF_8));
                try (Connection node = connect(deskUrl)) {
                    assertThat(node.getStatus()).isEqualTo(Connection.Status.CONNECTED);
                }

                cluster.restart(leader);
                assertThat(cluster.isRunning(leader)).isTrue();
                assertThat(jsm.getStreamInfo("CLUSTER_CHECK").getStreamState().getMsgCount())
                        .isEqualTo(2);
            }
        }
    }

    @Test
    void refusesAClusterSizeItCannotStart() {
        assertThat(Infrastructure.clusterSize(Map.of())).isZero();
        assertThat(Infrastructure.clusterSize(Map.of(Infrastructure.ENV_NATS_CLUSTER, "3")))
                .isEqualTo(3);
        for (String bad : new String[] {"9", "-1", "three"}) {
            assertThatThrownBy(() -> Infrastructure.clusterSize(Map.of(Infrastructure.ENV_NATS_CLUSTER, bad)))
                    .as(bad)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("HANDRAIL_NATS_CLUSTER");
        }
    }

    private static Connection connect(String url) throws Exception {
        return Nats.connect(Options.builder()
                .server(url)
                .connectionTimeout(Duration.ofSeconds(5))
                .maxReconnects(-1)
                .build());
    }
}
