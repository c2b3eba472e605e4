package dev.handrail.bench.system;

import dev.handrail.bench.stats.Measurement;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;

/**
 * Audit lag, sampled: the time from a client receiving an action's {@code succeeded} answer to
 * the audit projection showing it as succeeded (what {@code GET /v1/actions/{id}} reads). One
 * probe thread takes an action only when it is idle (so each probe starts the moment the client
 * got its answer) and at most {@link #SAMPLES_PER_SECOND} a second, then polls the projection
 * every {@link #POLL}. Thread-safe: load threads {@link #offer}, the probe thread records.
 */
public final class AuditLagProbe implements AutoCloseable {

    static final int SAMPLES_PER_SECOND = 20;
    static final Duration POLL = Duration.ofMillis(2);
    static final Duration GIVE_UP = Duration.ofSeconds(30);

    private final Connection connection;
    private final SynchronousQueue<Sample> handoff = new SynchronousQueue<>();
    private final Histogram lags = Measurement.newHistogram();
    private final LongAdder gaveUp = new LongAdder();
    private final Thread thread;
    private volatile boolean running = true;

    private record Sample(String actionId, long succeededAt) {}

    public AuditLagProbe(String jdbcUrl) {
        try {
            connection = DriverManager.getConnection(jdbcUrl);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot connect to the audit database: " + e.getMessage(), e);
        }
        thread = Thread.ofPlatform().name("audit-lag-probe").daemon().start(this::run);
    }

    /** An action whose {@code succeeded} answer the client just received; ignored unless the probe is idle. */
    public void offer(String actionId, long succeededAt) {
        handoff.offer(new Sample(actionId, succeededAt));
    }

    private void run() {
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT 1 FROM audit.actions WHERE action_id = ? AND state = 'succeeded'")) {
            long interval = TimeUnit.SECONDS.toNanos(1) / SAMPLES_PER_SECOND;
            while (running) {
                Sample sample = handoff.poll(100, TimeUnit.MILLISECONDS);
                if (sample != null) {
                    probe(query, sample);
                    LockSupport.parkNanos(sample.succeededAt() + interval - System.nanoTime());
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("The audit lag probe failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void probe(PreparedStatement query, Sample sample) throws SQLException {
        while (System.nanoTime() - sample.succeededAt() < GIVE_UP.toNanos()) {
            query.setString(1, sample.actionId());
            try (ResultSet rs = query.executeQuery()) {
                if (rs.next()) {
                    synchronized (lags) {
                        lags.recordValue(Math.max(0, System.nanoTime() - sample.succeededAt()));
                    }
                    return;
                }
            }
            LockSupport.parkNanos(POLL.toNanos());
        }
        gaveUp.increment();
    }

    /** The lags sampled so far ({@code errors}: samples that never became queryable within 30 s). */
    public Measurement result(String name, Duration window) {
        synchronized (lags) {
            return Measurement.of(name, lags.copy(), gaveUp.sum(), window);
        }
    }

    @Override
    public void close() {
        running = false;
        try {
            thread.join(TimeUnit.SECONDS.toMillis(35));
            connection.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
