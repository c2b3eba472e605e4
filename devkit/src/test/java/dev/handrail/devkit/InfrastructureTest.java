package dev.handrail.devkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.nats.client.Connection;
import io.nats.client.JetStreamManagement;
import io.nats.client.Nats;
import io.nats.client.api.MessageInfo;
import io.nats.client.api.StorageType;
import io.nats.client.api.StreamConfiguration;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InfrastructureTest {

    @Test
    void startsARealJetStreamServerAndARealPostgres() throws Exception {
        Infrastructure infra = Infrastructure.shared();

        try (Connection nats = Nats.connect(infra.natsUrl())) {
            JetStreamManagement streams = nats.jetStreamManagement();
            String stream = "INFRA_CHECK_" + System.nanoTime();
            streams.addStream(StreamConfiguration.builder()
                    .name(stream)
                    .subjects(stream + ".in")
                    .storageType(StorageType.File)
                    .build());
            try {
                long seq = nats.jetStream()
                        .publish(stream + ".in", "kept".getBytes(StandardCharsets.UTF_8))
                        .getSeqno();
                MessageInfo stored = streams.getMessage(stream, seq);
                assertThat(new String(stored.getData(), StandardCharsets.UTF_8)).isEqualTo("kept");
            } finally {
                streams.deleteStream(stream);
            }
        }
        try (var db = DriverManager.getConnection(infra.jdbcUrl());
                var rs = db.createStatement().executeQuery("SELECT version()")) {
            rs.next();
            assertThat(rs.getString(1)).startsWith("PostgreSQL");
        }
    }

    @Test
    void givesEachCallerAFreshDatabase() throws Exception {
        Infrastructure infra = Infrastructure.shared();
        String first = infra.newDatabase("it");
        String second = infra.newDatabase("it");

        assertThat(first).isNotEqualTo(second);
        try (var db = DriverManager.getConnection(first)) {
            db.createStatement().execute("CREATE TABLE only_here (id int)");
        }
        try (var db = DriverManager.getConnection(second);
                var rs = db.createStatement()
                        .executeQuery("SELECT count(*) FROM pg_tables WHERE tablename = 'only_here'")) {
            rs.next();
            assertThat(rs.getInt(1)).isZero();
        }
    }

    @Test
    void usesAddressesFromTheEnvironmentAsTheyAre() {
        Infrastructure shared = Infrastructure.shared();
        Map<String, String> env =
                Map.of(Infrastructure.ENV_NATS_URL, shared.natsUrl(), Infrastructure.ENV_DB_URL, shared.jdbcUrl());

        try (Infrastructure given = Infrastructure.start(env, Path.of("unused"), false)) {
            assertThat(given.natsUrl()).isEqualTo(shared.natsUrl());
            assertThat(given.jdbcUrl()).isEqualTo(shared.jdbcUrl());
            assertThat(given.origin()).contains("nats from environment", "postgres from environment");
        }
    }

    @Test
    void swapsTheDatabaseInAJdbcUrlKeepingItsParameters() {
        assertThat(Infrastructure.withDatabase("jdbc:postgresql://h:5432/postgres?user=postgres", "x"))
                .isEqualTo("jdbc:postgresql://h:5432/x?user=postgres");
        assertThat(Infrastructure.withDatabase("jdbc:postgresql://h/db", "y")).isEqualTo("jdbc:postgresql://h/y");
        assertThat(Infrastructure.redact("jdbc:postgresql://h/db?user=a&password=secret&ssl=true"))
                .isEqualTo("jdbc:postgresql://h/db?user=a&password=***&ssl=true");
    }
}
