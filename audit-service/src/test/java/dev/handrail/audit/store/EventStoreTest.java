package dev.handrail.audit.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.handrail.audit.Lifecycles;
import dev.handrail.audit.TestDatabase;
import dev.handrail.audit.chain.ChainHash;
import dev.handrail.audit.chain.ChainVerification;
import dev.handrail.audit.chain.ChainVerifier;
import dev.handrail.audit.projection.ActionProjection;
import dev.handrail.audit.query.ActionQueries;
import dev.handrail.contracts.action.ActionIds;
import dev.handrail.contracts.action.ActionState;
import dev.handrail.contracts.action.ActionView;
import dev.handrail.contracts.message.Envelope;
import dev.handrail.contracts.message.ExecutionStarted;
import dev.handrail.contracts.message.PlanDeduplicated;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The batch writer, the chain and the projection on a real PostgreSQL. */
class EventStoreTest {

    private static HikariDataSource dataSource;

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final StoreMetrics metrics = new StoreMetrics(registry);
    private final EventAppender appender = new EventAppender(dataSource, new ActionProjection());
    private final ChainVerifier verifier = new ChainVerifier(dataSource);
    private final ActionQueries actions = new ActionQueries(dataSource);
    private BatchWriter writer;

    @BeforeAll
    static void database() {
        dataSource = TestDatabase.create("audit_store");
    }

    @AfterAll
    static void closeDatabase() {
        dataSource.close();
    }

    @BeforeEach
    void startWriter() throws SQLException {
        sql("TRUNCATE events, actions");
        writer = writer(512);
    }

    @AfterEach
    void stopWriter() {
        writer.close();
    }

    private BatchWriter writer(int batchSize) {
        WriterConfig config = new WriterConfig();
        config.setBatchSize(batchSize);
        config.setBatchDelay(Duration.ofMillis(5));
        BatchWriter w = new BatchWriter(new EventAppender(dataSource, new ActionProjection()), metrics, config);
        w.start();
        return w;
    }

    private void store(List<Envelope> envelopes) {
        CompletableFuture.allOf(envelopes.stream()
                .map(e -> writer.submit(new IncomingEvent(e, "test.subject")))
                .toArray(CompletableFuture[]::new)).join();
    }

    @Test
    void storesEveryEventOnceWithGapFreeSeqsAndAnIntactChain() throws SQLException {
        List<Envelope> all = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            all.addAll(Lifecycles.succeeded(ActionIds.next(), "s-" + (i % 3)));
        }

        store(all);

        assertThat(longs("SELECT count(*), min(seq), max(seq), count(DISTINCT event_id) FROM events"))
                .containsExactly(100L, 1L, 100L, 100L);
        assertThat(strings("SELECT event_id FROM events ORDER BY seq")).containsExactlyElementsOf(
                all.stream().map(Envelope::id).toList());
        assertThat(strings("SELECT prev_hash FROM events WHERE seq = 1")).containsExactly(ChainHash.GENESIS);
        assertThat(verifier.verify(1).ok()).isTrue();
        assertThat(verifier.verify(1).checked()).isEqualTo(100);
        assertThat(verifier.verify(37).checked()).isEqualTo(64);
    }

    @Test
    void storesTheColumnsTheEnvelopeNames() throws SQLException {
        Envelope planned = Lifecycles.planned(ActionIds.next(), "s-1");

        store(List.of(planned));

        assertThat(strings("SELECT event_id || ' ' || type || ' ' || action_id || ' ' || nats_subject FROM events"))
                .containsExactly(planned.id() + " " + planned.type() + " " + planned.subject() + " test.subject");
        assertThat(strings("SELECT envelope->>'source' FROM events")).containsExactly(Lifecycles.SOURCE);
    }

    @Test
    void dropsAndCountsDuplicatesInsideOneBatch() throws SQLException {
        List<Envelope> lifecycle = Lifecycles.succeeded(ActionIds.next(), "s-1");
        List<IncomingEvent> batch = new ArrayList<>();
        for (Envelope e : lifecycle) {
            batch.add(new IncomingEvent(e, "test.subject"));
            batch.add(new IncomingEvent(e, "test.subject"));
        }

        AppendResult result = appender.append(batch);

        assertThat(result.stored()).isEqualTo(5);
        assertThat(result.duplicates()).isEqualTo(5);
        assertThat(longs("SELECT count(*) FROM events")).containsExactly(5L);
        assertThat(verifier.verify(1).ok()).isTrue();
    }

    @Test
    void dropsAndCountsDuplicatesAcrossBatches() throws SQLException {
        List<Envelope> first = Lifecycles.succeeded(ActionIds.next(), "s-1");
        List<Envelope> second = Lifecycles.succeeded(ActionIds.next(), "s-1");
        store(first);
        double before = registry.counter("handrail.audit.duplicates").count();

        List<Envelope> again = new ArrayList<>(first.subList(1, 4));
        again.addAll(second);
        store(again);

        assertThat(registry.counter("handrail.audit.duplicates").count() - before).isEqualTo(3.0);
        assertThat(longs("SELECT count(*), max(seq) FROM events")).containsExactly(10L, 10L);
        assertThat(verifier.verify(1).ok()).isTrue();
    }

    @Test
    void tamperingWithOneByteIsFoundAtItsSeq() throws SQLException {
        List<Envelope> all = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            all.addAll(Lifecycles.succeeded(ActionIds.next(), "s-1"));
        }
        store(all);

        sql("UPDATE events SET envelope = replace(envelope::text, '/handrail/test/1', '/handrail/test/2')::jsonb WHERE seq = 13");

        ChainVerification result = verifier.verify(1);
        assertThat(result.brokenSeq()).hasValue(13);
        assertThat(result.checked()).isEqualTo(12);
        assertThat(verifier.verify(14).ok()).isTrue();
    }

    @Test
    void projectsTheLifecycleAndIgnoresAnIllegalLateEvent() throws SQLException {
        String id = ActionIds.next();
        List<Envelope> lifecycle = Lifecycles.succeeded(id, "s-1");
        store(lifecycle);
        ActionView succeeded = actions.find(id).orElseThrow();

        Envelope late = Envelope.of(Lifecycles.SOURCE, new ExecutionStarted(id, "file.read", "other", 2), Lifecycles.PRINCIPAL, "s-1");
        Envelope notice = Envelope.of(Lifecycles.SOURCE, new PlanDeduplicated(id, id), Lifecycles.PRINCIPAL, "s-1");
        store(List.of(late, notice));

        assertThat(succeeded.state()).isEqualTo(ActionState.SUCCEEDED);
        assertThat(succeeded.execution()).isEqualTo(Lifecycles.DONE);
        assertThat(actions.find(id)).contains(succeeded);
        assertThat(longs("SELECT count(*) FROM events WHERE action_id = '" + id + "'")).containsExactly(7L);
        assertThat(strings("SELECT state || ' ' || session_id || ' ' || node FROM actions")).containsExactly("succeeded s-1 local");
    }

    @Test
    void eventsStoredOutOfOrderStillFoldToTheFinalState() {
        String id = ActionIds.next();
        List<Envelope> lifecycle = Lifecycles.succeeded(id, "s-1");

        store(lifecycle.subList(0, 2));
        store(lifecycle.subList(3, 5));
        assertThat(actions.find(id).orElseThrow().state()).isEqualTo(ActionState.VALIDATED);
        store(lifecycle.subList(2, 3));

        ActionView view = actions.find(id).orElseThrow();
        assertThat(view.state()).isEqualTo(ActionState.SUCCEEDED);
        assertThat(view.execution()).isEqualTo(Lifecycles.DONE);
        assertThat(view.transitions()).hasSize(5);
    }

    @Test
    void envelopeWithANulCharacterIsDroppedWithoutFailingItsBatch() throws SQLException {
        Envelope good = Lifecycles.planned(ActionIds.next(), "s-1");
        Envelope nul = Lifecycles.planned(ActionIds.next(), "s-\u0000");

        AppendResult result = appender.append(List.of(new IncomingEvent(nul, "x"), new IncomingEvent(good, "x")));

        assertThat(result).isEqualTo(new AppendResult(1, 0, 1, 1));
        assertThat(strings("SELECT event_id FROM events")).containsExactly(good.id());
    }

    @Test
    void concurrentWritersOfTwoInstancesKeepOneGapFreeChain() throws SQLException {
        BatchWriter other = writer(128);
        List<Envelope> all = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            all.addAll(Lifecycles.succeeded(ActionIds.next(), "s-" + (i % 7)));
        }

        List<CompletableFuture<Void>> futures = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            futures.add((i % 2 == 0 ? writer : other).submit(new IncomingEvent(all.get(i), "test.subject")));
        }
        futures.add(other.submit(new IncomingEvent(all.get(1), "test.subject")));
        CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).join();
        other.close();

        assertThat(longs("SELECT count(*), min(seq), max(seq) FROM events")).containsExactly(10_000L, 1L, 10_000L);
        assertThat(verifier.verify(1).ok()).isTrue();
        assertThat(longs("SELECT count(*) FROM actions WHERE state = 'succeeded'")).containsExactly(2000L);
    }

    private static void sql(String sql) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static List<Long> longs(String sql) throws SQLException {
        List<Long> values = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                values.add(rs.getLong(i));
            }
        }
        return values;
    }

    private static List<String> strings(String sql) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                values.add(rs.getString(1));
            }
        }
        return values;
    }
}
