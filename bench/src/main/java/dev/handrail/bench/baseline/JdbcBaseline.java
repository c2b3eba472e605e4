package dev.handrail.bench.baseline;

import dev.handrail.bench.stats.Measurement;
import dev.handrail.bench.workload.SyntheticActions;
import dev.handrail.contracts.message.Envelope;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.HdrHistogram.Histogram;

/**
 * The raw JDBC baseline: rows shaped like the audit store's {@code events} rows (a scratch copy
 * of that table with its keys and indexes) inserted in batches, one transaction per batch, from
 * one thread, with the driver's multi-row rewrite on, exactly as the audit writer inserts. No
 * locking, no duplicate check, no hashing, no projection: what the database alone costs.
 */
public final class JdbcBaseline {

    static final String TABLE = "bench.events_raw";
    private static final String INSERT = "INSERT INTO " + TABLE
            + " (seq, event_id, type, action_id, nats_subject, event_time, envelope, prev_hash, hash)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?)";

    private JdbcBaseline() {}

    /** A row to insert, prepared before the clock starts. */
    record Row(
            long seq,
            String eventId,
            String type,
            String actionId,
            String subject,
            OffsetDateTime time,
            String json,
            String prevHash,
            String hash) {}

    /**
     * Inserts {@code rows} rows (after {@code warmUpRows} unmeasured ones) in batches of
     * {@code batchSize}; latency is per batch, the rate per row.
     */
    public static Measurement run(String name, String jdbcUrl, int warmUpRows, int rows, int batchSize) {
        List<Row> prepared = rows(warmUpRows + rows);
        try (Connection c = DriverManager.getConnection(withRewrite(jdbcUrl))) {
            createTable(c);
            c.setAutoCommit(false);
            insert(c, prepared.subList(0, warmUpRows), batchSize, null);
            Histogram batches = Measurement.newHistogram();
            long start = System.nanoTime();
            insert(c, prepared.subList(warmUpRows, prepared.size()), batchSize, batches);
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            Measurement perBatch = Measurement.of(name, batches, 0, took);
            return new Measurement(
                    name,
                    rows,
                    0,
                    perBatch.seconds(),
                    rows / perBatch.seconds(),
                    perBatch.p50Ms(),
                    perBatch.p99Ms(),
                    perBatch.p999Ms(),
                    perBatch.maxMs());
        } catch (SQLException e) {
            throw new IllegalStateException("The JDBC baseline failed: " + e.getMessage(), e);
        }
    }

    static String withRewrite(String jdbcUrl) {
        return jdbcUrl + (jdbcUrl.contains("?") ? "&" : "?") + "reWriteBatchedInserts=true";
    }

    private static void createTable(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA IF NOT EXISTS bench");
            s.execute("DROP TABLE IF EXISTS " + TABLE);
            s.execute("CREATE TABLE " + TABLE
                    + " (LIKE audit.events INCLUDING DEFAULTS INCLUDING CONSTRAINTS INCLUDING INDEXES)");
        }
    }

    private static void insert(Connection c, List<Row> rows, int batchSize, Histogram batches) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(INSERT)) {
            for (int from = 0; from < rows.size(); from += batchSize) {
                long t0 = System.nanoTime();
                for (Row row : rows.subList(from, Math.min(rows.size(), from + batchSize))) {
                    ps.setLong(1, row.seq());
                    ps.setString(2, row.eventId());
                    ps.setString(3, row.type());
                    ps.setString(4, row.actionId());
                    ps.setString(5, row.subject());
                    ps.setObject(6, row.time(), Types.TIMESTAMP_WITH_TIMEZONE);
                    ps.setString(7, row.json());
                    ps.setString(8, row.prevHash());
                    ps.setString(9, row.hash());
                    ps.addBatch();
                }
                ps.executeBatch();
                c.commit();
                if (batches != null) {
                    batches.recordValue(System.nanoTime() - t0);
                }
            }
        }
    }

    private static List<Row> rows(int count) {
        int actions = (count + SyntheticActions.EVENTS_PER_ACTION - 1) / SyntheticActions.EVENTS_PER_ACTION;
        List<Row> rows = new ArrayList<>(count);
        String prev = "0".repeat(64);
        long seq = 0;
        for (SyntheticActions.FeedEvent event : SyntheticActions.lifecycles(actions)) {
            if (rows.size() == count) {
                break;
            }
            Envelope env = event.envelope();
            String json = new String(env.toBytes(), StandardCharsets.UTF_8);
            String hash = sha256(prev + json);
            rows.add(new Row(
                    ++seq,
                    env.id(),
                    env.type(),
                    env.subject(),
                    event.subject(),
                    OffsetDateTime.ofInstant(env.time(), ZoneOffset.UTC),
                    json,
                    prev,
                    hash));
            prev = hash;
        }
        return rows;
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
