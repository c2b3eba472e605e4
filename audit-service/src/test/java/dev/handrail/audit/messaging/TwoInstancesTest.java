package dev.handrail.audit.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.handrail.audit.Lifecycles;
import dev.handrail.audit.chain.ChainVerifier;
import dev.handrail.audit.chain.VerificationReport;
import dev.handrail.audit.jdbc.PlainDataSource;
import dev.handrail.audit.store.StoreMetrics;
import dev.handrail.bus.Bus;
import dev.handrail.contracts.action.ActionIds;
import dev.handrail.contracts.message.ActionEvent;
import dev.handrail.contracts.message.Envelope;
import dev.handrail.devkit.Infrastructure;
import io.micronaut.context.ApplicationContext;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** Two audit service instances on one database and one durable consumer append one valid chain. */
class TwoInstancesTest {

    private static Map<String, Object> properties(String url) {
        Map<String, Object> properties = new HashMap<>();
        properties.put("nats.default.addresses", Infrastructure.shared().natsUrl());
        properties.put("datasources.default.url", url);
        properties.put("micronaut.server.port", "-1");
        properties.put("handrail.audit.batch-size", "64");
        properties.put("handrail.audit.checkpoint.every-events", "500");
        properties.put(
                "handrail.audit.checkpoint.key-file", AuditServiceTest.keyFile().toString());
        return properties;
    }

    @Test
    void twoInstancesSharingTheFeedKeepOneGapFreeSignedChain() throws SQLException {
        String url = Infrastructure.shared().newDatabase("audit_two");
        try (ApplicationContext first = ApplicationContext.run(properties(url));
                ApplicationContext second = ApplicationContext.run(properties(url))) {
            Bus bus = first.getBean(Bus.class);
            String session = "s-" + ActionIds.next();
            List<CompletableFuture<?>> published = new ArrayList<>();
            for (int i = 0; i < 1000; i++) {
                for (Envelope e : Lifecycles.succeeded(ActionIds.next(), session)) {
                    published.add(bus.publish(((ActionEvent) e.message()).natsSubject(), e));
                }
            }
            CompletableFuture.allOf(published.toArray(CompletableFuture[]::new)).join();

            DataSource db = PlainDataSource.of(first.getBean(DataSource.class));
            await().atMost(Duration.ofSeconds(60))
                    .untilAsserted(() -> assertThat(longs(
                                    db, "SELECT count(*) FROM events WHERE envelope->>'session' = '" + session + "'"))
                            .containsExactly(5000L));
            long stored = longs(db, "SELECT count(*) FROM events").getFirst();
            assertThat(longs(db, "SELECT count(DISTINCT event_id), min(seq), max(seq) FROM events"))
                    .containsExactly(stored, 1L, stored);
            assertThat(first.getBean(StoreMetrics.class).stored()).isPositive();
            assertThat(second.getBean(StoreMetrics.class).stored()).isPositive();
            await().untilAsserted(() -> {
                VerificationReport report = first.getBean(ChainVerifier.class).report(1);
                assertThat(report.intact()).isTrue();
                assertThat(report.checkpointsVerified()).isGreaterThanOrEqualTo(9);
            });
        }
    }

    private static List<Long> longs(DataSource dataSource, String sql) throws SQLException {
        List<Long> values = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                values.add(rs.getLong(i));
            }
        }
        return values;
    }
}
