package dev.handrail.bus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.handrail.contracts.Subjects;
import dev.handrail.contracts.artifact.Artifacts;
import dev.handrail.contracts.message.Envelope;
import dev.handrail.devkit.LocalNatsCluster;
import io.nats.client.Connection;
import io.nats.client.JetStreamManagement;
import io.nats.client.Nats;
import io.nats.client.Options;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The bus on a local NATS cluster of three servers: streams and buckets get the configured number
 * of copies (and an existing one with fewer is raised), and a consumer and a publisher carry on
 * when the server leading the consumer is killed.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BusOnClusterTest {

    private static final Duration ARTIFACT_AGE = Duration.ofHours(1);
    private static final Replicas THREE = new Replicas(3);

    private static LocalNatsCluster cluster;

    @BeforeAll
    static void startCluster() throws Exception {
        cluster = LocalNatsCluster.start(3, Files.createTempDirectory("handrail-bus-cluster"), false, null, null, null);
    }

    @AfterAll
    static void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    @Order(1)
    void streamsAndBucketsMadeWithOneCopyAreRaisedToTheConfiguredCountAndNeverLowered() throws Exception {
        try (Connection connection = connect()) {
            Streams.provision(connection, ARTIFACT_AGE, Replicas.ONE);
            Streams.provisionTokens(connection, Replicas.ONE);
            assertThat(replicas(connection)).containsOnly(1);

            Streams.provision(connection, ARTIFACT_AGE, THREE);
            Streams.provisionTokens(connection, THREE);
            assertThat(replicas(connection)).containsOnly(3);

            Streams.provision(connection, ARTIFACT_AGE, Replicas.ONE);
            Streams.provisionTokens(connection, Replicas.ONE);
            assertThat(replicas(connection)).containsOnly(3);
        }
    }

    @Test
    @Order(2)
    void aConsumerAndAPublisherCarryOnWhenTheServerLeadingTheConsumerIsKilled() throws Exception {
        String node = "bus-cluster";
        try (Connection connection = connect()) {
            Streams.provision(connection, ARTIFACT_AGE, THREE);
            Bus bus = new Bus(connection, "/handrail/test/cluster");
            List<String> received = new CopyOnWriteArrayList<>();
            bus.consume(
                    DurableSpec.of(Subjects.STREAM_COMMANDS, Subjects.durableExecutor(node), Subjects.exec(node)),
                    (envelope, delivery) -> {
                        received.add(envelope.id());
                        return CompletableFuture.completedFuture(null);
                    });
            Envelope before = BusTest.execute(node);
            bus.publish(Subjects.exec(node), before).get(30, TimeUnit.SECONDS);
            await().atMost(Duration.ofSeconds(20)).until(() -> received.contains(before.id()));

            String leader = connection
                    .jetStreamManagement()
                    .getConsumerInfo(Subjects.STREAM_COMMANDS, Subjects.durableExecutor(node))
                    .getClusterInfo()
                    .getLeader();
            int victim = cluster.indexOf(leader);
            cluster.kill(victim);
            try {
                Envelope after = BusTest.execute(node);
                bus.publish(Subjects.exec(node), after).get(Bus.PUBLISH_PATIENCE.toSeconds(), TimeUnit.SECONDS);
                // Well inside the minute a consumer stood idle with jnats' default pull expiry.
                await().atMost(Duration.ofSeconds(25)).until(() -> received.contains(after.id()));
                assertThat(received).containsOnlyOnce(before.id(), after.id());
            } finally {
                cluster.restart(victim);
            }
            bus.close();
        }
    }

    private static Connection connect() throws Exception {
        return Nats.connect(Options.builder()
                .server(cluster.url())
                .maxReconnects(-1)
                .connectionTimeout(Duration.ofSeconds(10))
                .build());
    }

    private static List<Integer> replicas(Connection connection) throws Exception {
        JetStreamManagement jsm = connection.jetStreamManagement();
        return List.of(
                        Subjects.STREAM_EVENTS,
                        Subjects.STREAM_COMMANDS,
                        "OBJ_" + Artifacts.BUCKET,
                        "KV_" + Subjects.TOKEN_BUCKET)
                .stream()
                .map(stream -> {
                    try {
                        return jsm.getStreamInfo(stream).getConfiguration().getReplicas();
                    } catch (Exception e) {
                        throw new IllegalStateException(stream, e);
                    }
                })
                .toList();
    }
}
