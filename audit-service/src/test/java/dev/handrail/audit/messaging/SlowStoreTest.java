package dev.handrail.audit.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.handrail.audit.Lifecycles;
import dev.handrail.audit.jdbc.PlainDataSource;
import dev.handrail.bus.Bus;
import dev.handrail.contracts.Subjects;
import dev.handrail.contracts.action.ActionIds;
import dev.handrail.contracts.message.ActionEvent;
import dev.handrail.contracts.message.Envelope;
import dev.handrail.devkit.Infrastructure;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A store that falls behind by far more than the ack wait (another audit instance holds the
 * chain's lock) keeps its events: while they wait they tell JetStream they are being worked on, so
 * none is redelivered and stored as a duplicate, and all are stored once the store moves again.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SlowStoreTest implements TestPropertyProvider {

    private static final Duration ACK_WAIT = Duration.ofSeconds(3);
    /** The chain lock's key, as {@code EventAppender} takes it. */
    private static final long CHAIN_LOCK = 0x68616e647261696cL;

    @Inject
    Bus bus;

    @Inject
    DataSource dataSource;

    @Inject
    MeterRegistry registry;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(Infrastructure.shared().serviceProperties("audit_slow"));
        properties.put("micronaut.server.port", "-1");
        properties.put(
                "handrail.audit.checkpoint.key-file", AuditServiceTest.keyFile().toString());
        properties.put("handrail.audit.consumer.ack-wait", ACK_WAIT.toMillis() + "ms");
        return properties;
    }

    @Test
    void eventsWaitingLongerThanTheAckWaitForAStuckStoreAreNotRedelivered() throws Exception {
        List<Envelope> events = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            events.addAll(Lifecycles.succeeded(ActionIds.next(), "s-slow"));
        }
        double storedBefore = registry.counter("handrail.audit.stored").count();

        try (Connection other = PlainDataSource.of(dataSource).getConnection()) {
            lock(other, "SELECT pg_advisory_lock(?)");
            for (Envelope e : events) {
                bus.publish(((ActionEvent) e.message()).natsSubject(), e).join();
            }
            await().until(() -> consumerAckPending() == events.size());
            long stuckUntil = System.nanoTime() + ACK_WAIT.multipliedBy(3).toNanos();
            await().atMost(ACK_WAIT.multipliedBy(4)).until(() -> System.nanoTime() >= stuckUntil);
            assertThat(bus.connection()
                            .jetStreamManagement()
                            .getConsumerInfo(Subjects.STREAM_EVENTS, Subjects.DURABLE_AUDIT)
                            .getRedelivered())
                    .as("redelivered while the store was stuck")
                    .isZero();
            lock(other, "SELECT pg_advisory_unlock(?)");
        }

        await().until(() -> registry.counter("handrail.audit.stored").count() - storedBefore >= events.size());
        assertThat(registry.counter("handrail.audit.duplicates").count()).isZero();
    }

    private long consumerAckPending() throws Exception {
        return bus.connection()
                .jetStreamManagement()
                .getConsumerInfo(Subjects.STREAM_EVENTS, Subjects.DURABLE_AUDIT)
                .getNumAckPending();
    }

    private static void lock(Connection c, String sql) throws Exception {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, CHAIN_LOCK);
            ps.execute();
        }
    }
}
