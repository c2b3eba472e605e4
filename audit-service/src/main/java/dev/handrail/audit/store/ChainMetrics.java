package dev.handrail.audit.store;

import dev.handrail.audit.jdbc.PlainDataSource;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The chain's gauges, read from the store every 10 s (the same for every audit instance): the
 * head ({@code handrail.audit.chain.head}, the last seq stored), the last signed checkpoint's seq,
 * and the checkpoint's age ({@code handrail.audit.checkpoint.age.seconds}): events after the last
 * checkpoint are protected by the chain alone, so an age that keeps growing while events arrive
 * means checkpoints are not being signed.
 */
@Singleton
public class ChainMetrics {

    private static final Logger LOG = LoggerFactory.getLogger(ChainMetrics.class);
    static final String READ = "SELECT (SELECT coalesce(max(seq), 0) FROM events),"
            + " (SELECT coalesce(max(seq), 0) FROM checkpoints), (SELECT max(signed_at) FROM checkpoints)";

    private final DataSource dataSource;
    private final Clock clock;
    private final AtomicLong head = new AtomicLong();
    private final AtomicLong checkpointSeq = new AtomicLong();
    private final AtomicLong checkpointAgeMillis = new AtomicLong();

    public ChainMetrics(DataSource dataSource, MeterRegistry registry) {
        this.dataSource = PlainDataSource.of(dataSource);
        this.clock = Clock.systemUTC();
        Gauge.builder("handrail.audit.chain.head", head, AtomicLong::get)
                .description("The last seq stored on the chain")
                .register(registry);
        Gauge.builder("handrail.audit.checkpoint.seq", checkpointSeq, AtomicLong::get)
                .description("The seq of the last signed checkpoint")
                .register(registry);
        Gauge.builder("handrail.audit.checkpoint.age.seconds", checkpointAgeMillis, a -> a.get() / 1000.0)
                .description("Time since the last checkpoint was signed (0 before the first)")
                .register(registry);
    }

    /** Reads the head and the last checkpoint now. */
    @Scheduled(fixedDelay = "10s", initialDelay = "1s")
    public void refresh() {
        try (Connection c = dataSource.getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(READ)) {
            rs.next();
            head.set(rs.getLong(1));
            checkpointSeq.set(rs.getLong(2));
            Timestamp signed = rs.getTimestamp(3);
            checkpointAgeMillis.set(
                    signed == null
                            ? 0
                            : Math.max(0, clock.millis() - signed.toInstant().toEpochMilli()));
        } catch (SQLException | RuntimeException e) {
            LOG.debug("Cannot read the chain head for the metrics: {}", e.getMessage());
        }
    }
}
