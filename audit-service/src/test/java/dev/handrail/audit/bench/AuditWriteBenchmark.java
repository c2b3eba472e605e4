package dev.handrail.audit.bench;

import dev.handrail.audit.Lifecycles;
import dev.handrail.audit.TestDatabase;
import dev.handrail.audit.TestKeys;
import dev.handrail.audit.chain.ChainVerifier;
import dev.handrail.audit.chain.VerificationReport;
import dev.handrail.audit.projection.ActionProjection;
import dev.handrail.audit.redaction.Redactor;
import dev.handrail.audit.store.AppendListener;
import dev.handrail.audit.store.BatchWriter;
import dev.handrail.audit.store.EventAppender;
import dev.handrail.audit.store.IncomingEvent;
import dev.handrail.audit.store.StoreMetrics;
import dev.handrail.audit.store.WriterConfig;
import dev.handrail.contracts.action.ActionIds;
import dev.handrail.contracts.message.Envelope;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Audit write throughput against a raw JDBC batch insert of the same rows, same machine, same run
 * (prints a table; asserts nothing). The store path is the production one: batch writer, chain
 * lock, duplicate check, redaction, RFC 8785 canonicalisation, SHA-256 chain, projection, checkpoint
 * signing every 1,000 events. The baseline inserts the rows the store path produced (same seqs,
 * envelopes and hashes, computed beforehand) into an empty events table, 512 per batch and
 * transaction, as the same role. Run with
 * {@code ./mvnw -o -pl audit-service test -Dtest=AuditWriteBenchmark -Dhandrail.bench=true}.
 */
@EnabledIfSystemProperty(named = "handrail.bench", matches = "true")
class AuditWriteBenchmark {

    private static final int ACTIONS = Integer.getInteger("handrail.bench.actions", 10_000);
    private static final int ROUNDS = Integer.getInteger("handrail.bench.rounds", 3);
    private static final int BATCH = 512;
    private static final String INSERT = """
            INSERT INTO events (seq, event_id, type, action_id, nats_subject, event_time, envelope, prev_hash, hash)
            VALUES (?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?)""";

    private record Row(
            long seq,
            String eventId,
            String type,
            String actionId,
            String subject,
            Timestamp time,
            String envelope,
            String prevHash,
            String hash) {}

    @Test
    void storedEventsPerSecondAgainstARawBatchInsertOfTheSameRows() throws SQLException {
        try (TestDatabase store = TestDatabase.create("audit_bench_store");
                TestDatabase raw = TestDatabase.create("audit_bench_raw")) {
            List<IncomingEvent> warmUp = events(1_000);
            storeAll(store, warmUp);
            rawInsert(raw, rows(store));
            List<String> lines = new ArrayList<>();
            List<Double> ratios = new ArrayList<>();
            for (int round = 1; round <= ROUNDS; round++) {
                store.wipe();
                raw.wipe();
                List<IncomingEvent> events = events(ACTIONS);
                double storeRate = events.size() / seconds(storeAll(store, events));
                List<Row> rows = rows(store);
                double rawRate = rows.size() / seconds(rawInsert(raw, rows));
                ratios.add(storeRate / rawRate);
                lines.add(String.format(
                        "| %d | %,d | %,.0f | %,.0f | %.2f |",
                        round, rows.size(), storeRate, rawRate, storeRate / rawRate));
            }
            ratios.sort(Comparator.naturalOrder());
            long verifyStart = System.nanoTime();
            VerificationReport report = new ChainVerifier(store.service()).report(1);
            double verifyRate = report.checked() / seconds(System.nanoTime() - verifyStart);
            System.out.println("""

                    Audit write throughput (events per second, %d actions of 5 events per round)
                    | round | events | audit store (batch writer, chain, projection, redaction, checkpoints) | raw JDBC batch insert of the same rows | ratio |
                    |---|---|---|---|---|
                    %s
                    median ratio: %.2f
                    verification (GET /v1/audit/verify's walk, %d checkpoints): %,.0f events/s, intact: %s
                    """.formatted(
                            ACTIONS,
                            String.join("\n", lines),
                            ratios.get(ratios.size() / 2),
                            report.checkpointsVerified(),
                            verifyRate,
                            report.intact()));
        }
    }

    private static List<IncomingEvent> events(int actions) {
        List<IncomingEvent> events = new ArrayList<>(actions * 5);
        for (int i = 0; i < actions; i++) {
            for (Envelope e : Lifecycles.fileRead(ActionIds.next(), "s-" + (i % 50), "content of file " + i)) {
                events.add(Lifecycles.incoming(e));
            }
        }
        return events;
    }

    /** Nanoseconds to store every event through the production write path. */
    private static long storeAll(TestDatabase db, List<IncomingEvent> events) {
        WriterConfig config = new WriterConfig();
        config.setBatchSize(BATCH);
        config.setBatchDelay(Duration.ofMillis(5));
        BatchWriter writer = new BatchWriter(
                new EventAppender(
                        db.service(),
                        new ActionProjection(),
                        Redactor.redacting(),
                        TestKeys.checkpointer(1_000),
                        AppendListener.NONE),
                new StoreMetrics(new SimpleMeterRegistry()),
                config);
        writer.start();
        try {
            long start = System.nanoTime();
            List<CompletableFuture<Void>> done = new ArrayList<>(events.size());
            for (IncomingEvent event : events) {
                done.add(writer.submit(event));
            }
            CompletableFuture.allOf(done.toArray(CompletableFuture[]::new)).join();
            return System.nanoTime() - start;
        } finally {
            writer.close();
        }
    }

    private static List<Row> rows(TestDatabase db) throws SQLException {
        List<Row> rows = new ArrayList<>();
        try (Connection c = db.service().getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(
                        "SELECT seq, event_id, type, action_id, nats_subject, event_time, envelope::text,"
                                + " prev_hash, hash FROM events ORDER BY seq")) {
            while (rs.next()) {
                rows.add(new Row(
                        rs.getLong(1),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getString(4),
                        rs.getString(5),
                        rs.getTimestamp(6),
                        rs.getString(7),
                        rs.getString(8),
                        rs.getString(9)));
            }
        }
        return rows;
    }

    /** Nanoseconds to insert the rows with plain JDBC batches, one transaction per batch. */
    private static long rawInsert(TestDatabase db, List<Row> rows) throws SQLException {
        long start = System.nanoTime();
        try (Connection c = db.service().getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement(INSERT)) {
                int inBatch = 0;
                for (Row row : rows) {
                    ps.setLong(1, row.seq());
                    ps.setString(2, row.eventId());
                    ps.setString(3, row.type());
                    ps.setString(4, row.actionId());
                    ps.setString(5, row.subject());
                    ps.setTimestamp(6, row.time());
                    ps.setString(7, row.envelope());
                    ps.setString(8, row.prevHash());
                    ps.setString(9, row.hash());
                    ps.addBatch();
                    if (++inBatch == BATCH) {
                        ps.executeBatch();
                        c.commit();
                        inBatch = 0;
                    }
                }
                ps.executeBatch();
                c.commit();
            }
        }
        return System.nanoTime() - start;
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }
}
