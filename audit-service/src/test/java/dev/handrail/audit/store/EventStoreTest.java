package dev.handrail.audit.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.handrail.audit.Lifecycles;
import dev.handrail.audit.TestDatabase;
import dev.handrail.audit.TestKeys;
import dev.handrail.audit.chain.ChainHash;
import dev.handrail.audit.chain.ChainRow;
import dev.handrail.audit.chain.ChainVerification;
import dev.handrail.audit.chain.ChainVerifier;
import dev.handrail.audit.chain.Checkpoint;
import dev.handrail.audit.chain.VerificationReport;
import dev.handrail.audit.checkpoint.Checkpointer;
import dev.handrail.audit.projection.ActionProjection;
import dev.handrail.audit.quarantine.QuarantinedEvent;
import dev.handrail.audit.query.ActionQueries;
import dev.handrail.audit.redaction.Redactor;
import dev.handrail.contracts.action.ActionIds;
import dev.handrail.contracts.action.ActionState;
import dev.handrail.contracts.action.ActionView;
import dev.handrail.contracts.message.AuditCheckpoint;
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
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The batch writer, the chain and the projection on a real PostgreSQL. */
class EventStoreTest {

    private static TestDatabase db;
    private static HikariDataSource dataSource;

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final StoreMetrics metrics = new StoreMetrics(registry);
    private final List<StoredRow> announced = new CopyOnWriteArrayList<>();
    private final List<Checkpoint> signed = new CopyOnWriteArrayList<>();
    private final AppendListener listener = new AppendListener() {
        @Override
        public void stored(List<StoredRow> rows) {
            announced.addAll(rows);
        }

        @Override
        public void checkpointed(Checkpoint checkpoint) {
            signed.add(checkpoint);
        }

        @Override
        public void quarantined(List<QuarantinedEvent> events) {
            quarantinedNow.addAll(events);
        }
    };
    private final List<QuarantinedEvent> quarantinedNow = new CopyOnWriteArrayList<>();
    private final Checkpointer checkpointer = TestKeys.checkpointer(1_000_000);
    private final EventAppender appender = appender(checkpointer);
    private final ChainVerifier verifier = new ChainVerifier(dataSource);
    private final ActionQueries actions = new ActionQueries(dataSource);
    private BatchWriter writer;

    @BeforeAll
    static void database() {
        db = TestDatabase.create("audit_store");
        dataSource = db.service();
    }

    @AfterAll
    static void closeDatabase() {
        db.close();
    }

    @BeforeEach
    void startWriter() throws SQLException {
        db.wipe();
        writer = writer(512);
    }

    private EventAppender appender(Checkpointer with) {
        return new EventAppender(dataSource, new ActionProjection(), Redactor.redacting(), with, listener);
    }

    @AfterEach
    void stopWriter() {
        writer.close();
    }

    private BatchWriter writer(int batchSize) {
        WriterConfig config = new WriterConfig();
        config.setBatchSize(batchSize);
        config.setBatchDelay(Duration.ofMillis(5));
        BatchWriter w = new BatchWriter(appender(checkpointer), metrics, config);
        w.start();
        return w;
    }

    private void store(List<Envelope> envelopes) {
        CompletableFuture.allOf(envelopes.stream()
                        .map(e -> writer.submit(Lifecycles.incoming(e)))
                        .toArray(CompletableFuture[]::new))
                .join();
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
        assertThat(strings("SELECT event_id FROM events ORDER BY seq"))
                .containsExactlyElementsOf(all.stream().map(Envelope::id).toList());
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
                .containsExactly(planned.id() + " " + planned.type() + " " + planned.subject() + " "
                        + Lifecycles.subjectOf(planned));
        assertThat(strings("SELECT envelope->>'source' FROM events")).containsExactly(Lifecycles.SOURCE);
    }

    @Test
    void dropsAndCountsDuplicatesInsideOneBatch() throws SQLException {
        List<Envelope> lifecycle = Lifecycles.succeeded(ActionIds.next(), "s-1");
        List<IncomingEvent> batch = new ArrayList<>();
        for (Envelope e : lifecycle) {
            batch.add(Lifecycles.incoming(e));
            batch.add(Lifecycles.incoming(e));
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

        assertThat(registry.counter("handrail.audit.duplicates").count() - before)
                .isEqualTo(3.0);
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

        db.asSuperuserBypassingTriggers(
                "UPDATE events SET envelope = replace(envelope::text, '/handrail/test/1', '/handrail/test/2')::jsonb WHERE seq = 13");

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

        Envelope late = Envelope.of(
                Lifecycles.SOURCE, new ExecutionStarted(id, "file.read", "other", 2), Lifecycles.PRINCIPAL, "s-1");
        Envelope notice = Envelope.of(Lifecycles.SOURCE, new PlanDeduplicated(id, id), Lifecycles.PRINCIPAL, "s-1");
        store(List.of(late, notice));

        assertThat(succeeded.state()).isEqualTo(ActionState.SUCCEEDED);
        assertThat(succeeded.execution()).isEqualTo(Lifecycles.DONE_AS_STORED);
        assertThat(actions.find(id)).contains(succeeded);
        assertThat(longs("SELECT count(*) FROM events WHERE action_id = '" + id + "'"))
                .containsExactly(7L);
        assertThat(strings("SELECT state || ' ' || session_id || ' ' || node FROM actions"))
                .containsExactly("succeeded s-1 local");
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
        assertThat(view.execution()).isEqualTo(Lifecycles.DONE_AS_STORED);
        assertThat(view.transitions()).hasSize(5);
    }

    @Test
    void envelopeWithANulCharacterIsQuarantinedRawWithoutFailingItsBatch() throws SQLException {
        Envelope good = Lifecycles.planned(ActionIds.next(), "s-1");
        Envelope nul = Lifecycles.planned(ActionIds.next(), "s-\u0000");

        AppendResult result = appender.append(List.of(
                IncomingEvent.read(nul, Lifecycles.subjectOf(nul), 41, nul.toBytes()), Lifecycles.incoming(good)));

        assertThat(result.stored()).isEqualTo(1);
        assertThat(result.quarantined()).singleElement().satisfies(q -> {
            assertThat(q.eventId()).isEqualTo(nul.id());
            assertThat(q.streamSequence()).isEqualTo(41);
            assertThat(q.error()).contains("NUL");
        });
        assertThat(quarantinedNow).isEqualTo(result.quarantined());
        assertThat(strings("SELECT event_id FROM events")).containsExactly(good.id());
        assertThat(payloads()).containsExactly(nul.toBytes());
    }

    @Test
    void aRedeliveredQuarantinedMessageKeepsItsOneRowAndIsAnnouncedAgain() throws SQLException {
        IncomingEvent unreadable = IncomingEvent.unreadable(
                "not json".getBytes(java.nio.charset.StandardCharsets.UTF_8), "x.planned", 7, "no JSON");

        AppendResult first = appender.append(List.of(unreadable));
        AppendResult again = appender.append(List.of(unreadable));

        assertThat(again.quarantined()).isEqualTo(first.quarantined());
        assertThat(longs("SELECT count(*) FROM quarantine")).containsExactly(1L);
        assertThat(quarantinedNow).hasSize(2);
    }

    @Test
    void anEventPostgresqlRefusesIsQuarantinedAndTheRestOfItsBatchIsStored() throws SQLException {
        Envelope before = Lifecycles.planned(ActionIds.next(), "s-1");
        Envelope farFuture =
                at(Lifecycles.planned(ActionIds.next(), "s-1"), java.time.Instant.parse("+300000-01-01T00:00:00Z"));
        Envelope after = Lifecycles.planned(ActionIds.next(), "s-1");

        AppendResult result = appender.append(incoming(List.of(before, farFuture, after)));

        assertThat(result.stored()).isEqualTo(2);
        assertThat(result.quarantined()).singleElement().satisfies(q -> {
            assertThat(q.eventId()).isEqualTo(farFuture.id());
            assertThat(q.error()).startsWith("PostgreSQL refused it: 22");
        });
        assertThat(strings("SELECT event_id FROM events ORDER BY seq")).containsExactly(before.id(), after.id());
        VerificationReport report = verifier.report(1);
        assertThat(report.intact()).isTrue();
        assertThat(report.complete()).isFalse();
        assertThat(report.quarantined()).isEqualTo(1);
        assertThat(report.quarantinedEvents()).extracting(q -> q.eventId()).containsExactly(farFuture.id());
    }

    @Test
    void aDatabaseThatIsAwayQuarantinesNothingAndFailsTheBatchForRedelivery() {
        org.postgresql.ds.PGSimpleDataSource away = new org.postgresql.ds.PGSimpleDataSource();
        away.setServerNames(new String[] {"127.0.0.1"});
        away.setPortNumbers(new int[] {dev.handrail.devkit.Ports.free()});
        EventAppender offline =
                new EventAppender(away, new ActionProjection(), Redactor.redacting(), checkpointer, listener);

        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> offline.append(incoming(Lifecycles.succeeded(ActionIds.next(), "s-1"))))
                .isInstanceOf(dev.handrail.audit.jdbc.EventStoreException.class);
        assertThat(quarantinedNow).isEmpty();
    }

    private static Envelope at(Envelope e, java.time.Instant time) {
        return new Envelope(
                e.specversion(),
                e.id(),
                e.source(),
                e.type(),
                e.subject(),
                time,
                e.datacontenttype(),
                e.correlationid(),
                e.causationid(),
                e.principal(),
                e.session(),
                e.data());
    }

    private static List<byte[]> payloads() throws SQLException {
        List<byte[]> values = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT payload FROM quarantine ORDER BY id")) {
            while (rs.next()) {
                values.add(rs.getBytes(1));
            }
        }
        return values;
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
            futures.add((i % 2 == 0 ? writer : other).submit(Lifecycles.incoming(all.get(i))));
        }
        futures.add(other.submit(Lifecycles.incoming(all.get(1))));
        CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).join();
        other.close();

        assertThat(longs("SELECT count(*), min(seq), max(seq) FROM events")).containsExactly(10_000L, 1L, 10_000L);
        assertThat(verifier.verify(1).ok()).isTrue();
        assertThat(longs("SELECT count(*) FROM actions WHERE state = 'succeeded'"))
                .containsExactly(2000L);
    }

    @Test
    void sensitiveValuesAreStoredAndProjectedRedactedWithTheirDigest() throws SQLException {
        String read = ActionIds.next();
        String typed = ActionIds.next();
        List<Envelope> all = new ArrayList<>(Lifecycles.fileRead(read, "s-1", "the secret file content"));
        all.add(Lifecycles.planned(typed, "keyboard.type", Map.of("text", "hunter2", "delay_ms", 5)));

        store(all);

        String stored = String.join("\n", strings("SELECT envelope::text FROM events"))
                + String.join("\n", strings("SELECT view::text FROM actions"));
        assertThat(stored).doesNotContain("the secret file content").doesNotContain("hunter2");
        Object output = actions.find(read).orElseThrow().execution().output();
        assertThat(output)
                .isEqualTo(Map.of(
                        "path",
                        "notes.txt",
                        "bytes",
                        5,
                        "content",
                        Map.of("redacted", true, "length", 23, "sha256", sha256("the secret file content"))));
        assertThat(actions.find(typed).orElseThrow().params())
                .containsEntry("delay_ms", 5)
                .containsEntry("text", Map.of("redacted", true, "length", 7, "sha256", sha256("hunter2")));
        assertThat(verifier.verify(1).ok()).isTrue();
    }

    @Test
    void announcesWhatWasCommittedInSeqOrder() {
        List<Envelope> lifecycle = Lifecycles.succeeded(ActionIds.next(), "s-1");

        store(lifecycle);
        store(lifecycle.subList(0, 2));

        assertThat(announced).extracting(StoredRow::seq).containsExactly(1L, 2L, 3L, 4L, 5L);
        assertThat(announced)
                .extracting(StoredRow::natsSubject)
                .containsExactlyElementsOf(
                        lifecycle.stream().map(Lifecycles::subjectOf).toList());
        assertThat(announced.getFirst().envelopeJson())
                .contains(lifecycle.getFirst().id());
    }

    @Test
    void signsACheckpointWhenABatchTakesTheChainPastEveryEvents() throws SQLException {
        EventAppender everyTen = appender(TestKeys.checkpointer(10));
        for (int i = 0; i < 5; i++) {
            everyTen.append(incoming(Lifecycles.succeeded(ActionIds.next(), "s-1")));
        }

        assertThat(signed).extracting(Checkpoint::seq).containsExactly(10L, 20L);
        assertThat(longs("SELECT count(*), max(seq) FROM checkpoints")).containsExactly(2L, 20L);
        VerificationReport report = verifier.report(1);
        assertThat(report.intact()).isTrue();
        assertThat(report.checkpointsVerified()).isEqualTo(2);
        assertThat(report.unsignedEvents()).isEqualTo(5);
    }

    @Test
    void timedCheckpointSignsOnlyWhenSomethingButCheckpointsWasStored() {
        EventAppender appender = appender(TestKeys.checkpointer(1_000));
        assertThat(appender.checkpointIfDue()).isEmpty();
        appender.append(incoming(Lifecycles.succeeded(ActionIds.next(), "s-1")));

        Checkpoint first = appender.checkpointIfDue().orElseThrow();
        Envelope itsEvent = Envelope.of(
                Lifecycles.SOURCE,
                new AuditCheckpoint(first.seq(), first.hash(), first.keyId(), first.signature(), first.signedAt()),
                "audit-service",
                null);
        appender.append(incoming(List.of(itsEvent)));

        assertThat(first.seq()).isEqualTo(5);
        assertThat(appender.checkpointIfDue()).isEmpty();
        assertThat(verifier.report(1).intact()).isTrue();
    }

    @Test
    void deletedTailIsFoundAsTruncationAgainstTheLastCheckpoint() throws SQLException {
        EventAppender everyTen = appender(TestKeys.checkpointer(10));
        for (int i = 0; i < 5; i++) {
            everyTen.append(incoming(Lifecycles.succeeded(ActionIds.next(), "s-1")));
        }

        db.asSuperuserBypassingTriggers("DELETE FROM events WHERE seq > 17");

        assertThat(verifier.verify(1).ok()).isTrue();
        VerificationReport report = verifier.report(1);
        assertThat(report.intact()).isFalse();
        assertThat(report.problem()).isEqualTo(VerificationReport.TRUNCATED);
        assertThat(report.brokenSeq()).isEqualTo(18L);
        assertThat(report.reason()).contains("checkpoint 20");
    }

    @Test
    void chainRewrittenWithFreshHashesIsCaughtByTheSignedCheckpoint() throws SQLException {
        EventAppender everyTen = appender(TestKeys.checkpointer(10));
        for (int i = 0; i < 3; i++) {
            everyTen.append(incoming(Lifecycles.succeeded(ActionIds.next(), "s-1")));
        }
        List<ChainRow> forged = new ArrayList<>();
        String prev = strings("SELECT hash FROM events WHERE seq = 6").getFirst();
        for (String json : strings("SELECT envelope::text FROM events WHERE seq >= 7 ORDER BY seq")) {
            String changed = json.replace("/handrail/test/1", "/handrail/forged/1");
            String hash = ChainHash.ofEnvelopeJson(prev, changed);
            forged.add(new ChainRow(7 + forged.size(), prev, hash, changed));
            prev = hash;
        }
        for (ChainRow row : forged) {
            db.asSuperuserBypassingTriggers(
                    "UPDATE events SET envelope = '" + row.envelopeJson().replace("'", "''") + "'::jsonb, prev_hash = '"
                            + row.prevHash() + "', hash = '" + row.hash() + "' WHERE seq = " + row.seq());
        }

        assertThat(verifier.verify(1).ok()).isTrue();
        VerificationReport report = verifier.report(1);
        assertThat(report.problem()).isEqualTo(VerificationReport.CHECKPOINT_MISMATCH);
        assertThat(report.brokenSeq()).isEqualTo(10L);
    }

    private static List<IncomingEvent> incoming(List<Envelope> envelopes) {
        return envelopes.stream().map(e -> Lifecycles.incoming(e)).toList();
    }

    private static String sha256(String text) {
        try {
            return java.util.HexFormat.of()
                    .formatHex(java.security.MessageDigest.getInstance("SHA-256")
                            .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<Long> longs(String sql) throws SQLException {
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

    private static List<String> strings(String sql) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                values.add(rs.getString(1));
            }
        }
        return values;
    }
}
