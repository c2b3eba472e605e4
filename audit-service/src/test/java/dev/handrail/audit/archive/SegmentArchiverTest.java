package dev.handrail.audit.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.handrail.audit.Lifecycles;
import dev.handrail.audit.TestDatabase;
import dev.handrail.audit.chain.ChainVerifier;
import dev.handrail.audit.chain.CheckpointRecords;
import dev.handrail.audit.chain.VerificationReport;
import dev.handrail.audit.cli.ExportLines;
import dev.handrail.audit.cli.VerifyCommand;
import dev.handrail.audit.query.ActionQueries;
import dev.handrail.audit.query.Trail;
import dev.handrail.audit.query.TrailQueries;
import dev.handrail.audit.store.EventAppender;
import dev.handrail.contracts.action.ActionIds;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Archiving sealed segments against a real PostgreSQL: 35 events of 7 actions, checkpoints every 10
 * events (seqs 10, 20, 30), archived into files that the offline verifier checks.
 */
class SegmentArchiverTest {

    private static TestDatabase db;

    @TempDir
    Path dir;

    private final List<String> actions = new ArrayList<>();
    private EventAppender appender;

    @BeforeAll
    static void database() {
        db = TestDatabase.create("audit_archive");
    }

    @AfterAll
    static void close() {
        db.close();
    }

    @BeforeEach
    void storeSevenActions() throws SQLException {
        db.wipe();
        appender = db.appender(10);
        for (int i = 0; i < 7; i++) {
            appendAction();
        }
        assertThat(count("events")).isEqualTo(35);
        assertThat(new CheckpointRecords(db.service()).checkpoints(1))
                .extracting(c -> c.seq())
                .containsExactly(10L, 20L, 30L);
    }

    private void appendAction() {
        String id = ActionIds.next();
        actions.add(id);
        appender.append(Lifecycles.succeeded(id, "s-1").stream()
                .map(e -> Lifecycles.incoming(e))
                .toList());
    }

    private SegmentArchiver archiver(long segmentEvents) {
        return new SegmentArchiver(db.owner(), dir, segmentEvents, "operator-1", Duration.ZERO);
    }

    @Test
    void archivesTwoSegmentsAndTheHotChainVerifiesFromTheCut() throws Exception {
        List<SegmentArchiver.ArchivedSegment> archived = archiver(10).archiveThrough(20);

        assertThat(archived)
                .extracting(SegmentArchiver.ArchivedSegment::firstSeq, SegmentArchiver.ArchivedSegment::lastSeq)
                .containsExactly(tuple(1L, 10L), tuple(11L, 20L));
        assertThat(count("events")).isEqualTo(15);
        assertThat(count("checkpoints")).isEqualTo(3);
        assertThat(count("actions")).isEqualTo(7);
        for (SegmentArchiver.ArchivedSegment s : archived) {
            assertThat(SegmentFile.sha256(s.file())).isEqualTo(s.sha256());
            assertThat(recorded("SELECT file_sha256 || ' ' || file_name || ' ' || archived_by || ' ' || last_hash"
                            + " FROM archived_segments WHERE first_seq = " + s.firstSeq()))
                    .isEqualTo(s.sha256() + " " + s.file().getFileName() + " operator-1 "
                            + new CheckpointRecords(db.service())
                                    .checkpoints(s.lastSeq())
                                    .getFirst()
                                    .hash());
        }

        VerificationReport report = new ChainVerifier(db.service()).report(1);
        assertThat(report.intact()).as(report.reason()).isTrue();
        assertThat(report.fromSeq()).isEqualTo(21);
        assertThat(report.headSeq()).isEqualTo(35);
        assertThat(report.checked()).isEqualTo(15);
        assertThat(report.checkpointsVerified()).isEqualTo(2);
        assertThat(report.archivedThroughSeq()).isEqualTo(20L);
        assertThat(report.archivedSegments()).isEqualTo(2);
        assertThat(new ChainVerifier(db.service()).verify(1).ok()).isTrue();

        appendAction();
        VerificationReport afterMore = new ChainVerifier(db.service()).report(0);
        assertThat(afterMore.intact()).as(afterMore.reason()).isTrue();
        assertThat(afterMore.headSeq()).isEqualTo(40);

        Path hot = Files.write(dir.resolve("hot.jsonl"), ExportLines.of(db.service(), 1));
        List<Path> files = Stream.concat(archived.stream().map(SegmentArchiver.ArchivedSegment::file), Stream.of(hot))
                .toList();
        Verified whole = verify(files);
        assertThat(whole.status()).as(whole.out()).isZero();
        assertThat(whole.out()).contains("OK: 40 events verified (seq 1..40)");
    }

    @Test
    void hotChainIsBrokenWhenTheRecordedCutIsChanged() throws Exception {
        archiver(100).archiveThrough(20);

        db.asSuperuserBypassingTriggers("UPDATE archived_segments SET last_hash = repeat('a', 64)");

        VerificationReport report = new ChainVerifier(db.service()).report(1);
        assertThat(report.intact()).isFalse();
        assertThat(report.brokenSeq()).isEqualTo(20L);
        assertThat(report.problem()).isEqualTo(VerificationReport.CHECKPOINT_MISMATCH);
    }

    @Test
    void offlineVerifierAcceptsSegmentsAloneAndInOrderAndRefusesTamperedOnes() throws Exception {
        List<Path> files = archiver(10).archiveThrough(30).stream()
                .map(SegmentArchiver.ArchivedSegment::file)
                .toList();
        assertThat(files).hasSize(3);
        assertThat(count("events")).isEqualTo(5);

        assertThat(verify(files).out()).contains("OK: 30 events verified (seq 1..30), 3 signed checkpoints verified");
        Verified middle = verify(List.of(files.get(1)));
        assertThat(middle.status()).isZero();
        assertThat(middle.out()).contains("OK: 10 events verified (seq 11..20)", "Note: the chain is verified from");

        Verified gap = verify(List.of(files.get(0), files.get(2)));
        assertThat(gap.status()).isEqualTo(1);
        assertThat(gap.out()).contains("BROKEN at seq 11 (CHAIN_BROKEN)", "seqs 11..20 are missing");

        Path changed = rewrite(files.get(1), "changed", lines -> {
            int i = indexOfEvent(lines, 15);
            lines.set(i, lines.get(i).replace(Lifecycles.SOURCE, "/handrail/test/2"));
        });
        Verified changedByte = verify(List.of(files.get(0), changed, files.get(2)));
        assertThat(changedByte.status()).isEqualTo(1);
        assertThat(changedByte.out()).contains("BROKEN at seq 15 (CHAIN_BROKEN)");

        Path removed = rewrite(files.get(1), "removed", lines -> lines.remove(indexOfEvent(lines, 15)));
        Verified removedLine = verify(List.of(removed));
        assertThat(removedLine.status()).isEqualTo(1);
        assertThat(removedLine.out()).contains("BROKEN at seq 15 (CHAIN_BROKEN)", "seq 15 is missing");

        Path firstGone = rewrite(files.get(1), "first-gone", lines -> lines.remove(indexOfEvent(lines, 11)));
        assertThat(verify(List.of(firstGone)).out()).contains("BROKEN at seq 11 (CHAIN_BROKEN)");

        Path tailGone = rewrite(files.get(1), "tail-gone", lines -> lines.remove(indexOfEvent(lines, 20)));
        assertThat(verify(List.of(tailGone)).out()).contains("BROKEN at seq 20 (TRUNCATED)");
    }

    @Test
    void secondRunIsIdempotentAndBeforeStopsAtTheLastSealedSeq() throws Exception {
        assertThat(archiver(100).archiveThrough(20)).hasSize(1);
        assertThat(archiver(100).archiveThrough(20)).isEmpty();
        assertThat(archiver(100).archiveThrough(10)).isEmpty();
        assertThat(count("archived_segments")).isEqualTo(1);
        assertThat(count("events")).isEqualTo(15);

        List<SegmentArchiver.ArchivedSegment> before = archiver(100).archiveBefore(Instant.now());
        assertThat(before)
                .singleElement()
                .satisfies(s -> assertThat(s.firstSeq()).isEqualTo(21))
                .satisfies(s -> assertThat(s.lastSeq()).isEqualTo(30));
        assertThat(archiver(100).archiveBefore(Instant.now())).isEmpty();
        assertThat(count("events")).isEqualTo(5);
        assertThat(archiver(100).archiveBefore(Instant.parse("2000-01-01T00:00:00Z")))
                .isEmpty();
    }

    @Test
    void archivingAnUnsealedRangeIsRefusedAndRemovesNothing() throws Exception {
        assertThatThrownBy(() -> archiver(100).archiveThrough(15))
                .isInstanceOf(SegmentArchiver.ArchiveRefusedException.class)
                .hasMessageContaining("seq 15 is not sealed")
                .hasMessageContaining("the nearest before it is at seq 10, after it at seq 20");
        assertThat(count("events")).isEqualTo(35);
        assertThat(count("archived_segments")).isZero();
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void serviceRoleMayNotArchive() {
        assertThatThrownBy(() -> new SegmentArchiver(db.service(), dir, 100, "x").archiveThrough(10))
                .isInstanceOf(SegmentArchiver.ArchiveRefusedException.class)
                .hasMessageContaining("may not remove audit events");
        assertThat(count("events")).isEqualTo(35);
    }

    @Test
    void ownerStillCannotDeleteEventsNoCutCoversNorChangeTheRecordedCut() throws Exception {
        archiver(100).archiveThrough(10);

        try (Connection c = db.owner().getConnection();
                Statement s = c.createStatement()) {
            assertThatThrownBy(() -> s.execute("DELETE FROM events WHERE seq = 11"))
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("append-only");
            assertThatThrownBy(() -> s.execute("UPDATE archived_segments SET last_seq = 30, checkpoint_seq = 30"))
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("append-only");
            assertThatThrownBy(() -> s.execute("DELETE FROM archived_action_events"))
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("append-only");
        }
        assertThat(count("events")).isEqualTo(25);
    }

    @Test
    void trailOfAnArchivedActionNamesItsSegmentFile() {
        List<SegmentArchiver.ArchivedSegment> archived = archiver(100).archiveThrough(20);

        Trail trail = new TrailQueries(db.service()).trail(actions.getFirst()).orElseThrow();

        assertThat(trail.events()).isEmpty();
        assertThat(trail.archived())
                .singleElement()
                .isEqualTo(new Trail.ArchivedPart(
                        archived.getFirst().file().getFileName().toString(), 1, 20, 5));
        assertThat(new ActionQueries(db.service()).find(actions.getFirst())).isPresent();
        assertThat(new TrailQueries(db.service())
                        .trail(actions.getLast())
                        .orElseThrow()
                        .archived())
                .isEmpty();
        assertThat(new TrailQueries(db.service()).trail(ActionIds.next())).isEmpty();
    }

    @Test
    void commandArchivesThroughACheckpointAndRefusesAnUnsealedSeqWithStatusTwo() {
        Verified refused = archiveCommand("--through-seq", "15");
        assertThat(refused.status()).isEqualTo(2);
        assertThat(refused.out()).contains("Archive refused: seq 15 is not sealed");

        Verified done = archiveCommand("--through-seq", "10", "--by", "operator-2");
        assertThat(done.status()).as(done.out()).isZero();
        assertThat(done.out()).contains("Archived seqs 1..10 (10 events) to " + dir.resolve(SegmentFile.name(1, 10)));
        Verified json = archiveCommand("--through-seq", "20", "--json");
        assertThat(json.out()).contains("\"first_seq\":11", "\"file\":\"" + dir.resolve(SegmentFile.name(11, 20)));
        assertThat(recorded("SELECT archived_by FROM archived_segments WHERE first_seq = 1"))
                .isEqualTo("operator-2");

        Verified again = archiveCommand("--keep", "1d");
        assertThat(again.status()).isZero();
        assertThat(again.out()).contains("Nothing to archive");
        assertThat(ArchiveCommand.age("P30D")).isEqualTo(ArchiveCommand.age("30d"));
        assertThat(archiveCommand("--keep", "soon").status()).isEqualTo(2);
    }

    @Test
    void refusesToArchiveEventsTheFeedMayStillDeliverAgain() {
        Verified refused = archiveCommandWithDefaults("--through-seq", "10");
        assertThat(refused.status()).isEqualTo(2);
        assertThat(refused.out())
                .contains("Archive refused: seq 10 was recorded at")
                .contains("less than 7 days");
        assertThat(recorded("SELECT count(*)::text FROM archived_segments")).isEqualTo("0");
        assertThat(archiveCommandWithDefaults("--through-seq", "10", "--min-age", "soon")
                        .out())
                .contains("--min-age soon is not an age");
        assertThatThrownBy(() -> new SegmentArchiver(db.owner(), dir, 100, "x").archiveThrough(10))
                .isInstanceOf(SegmentArchiver.ArchiveRefusedException.class);
    }

    private Verified archiveCommandWithDefaults(String... options) {
        List<String> args = new ArrayList<>(List.of("--db-url", db.ownerUrl(), "--to", dir.toString()));
        args.addAll(List.of(options));
        return execute(args);
    }

    private Verified archiveCommand(String... options) {
        List<String> args =
                new ArrayList<>(List.of("--db-url", db.ownerUrl(), "--to", dir.toString(), "--min-age", "0m"));
        args.addAll(List.of(options));
        return execute(args);
    }

    private static Verified execute(List<String> args) {
        StringWriter out = new StringWriter();
        CommandLine command = new CommandLine(new ArchiveCommand());
        command.setOut(new PrintWriter(out));
        command.setErr(new PrintWriter(out));
        int status = command.execute(args.toArray(String[]::new));
        return new Verified(status, out.toString());
    }

    private record Verified(int status, String out) {}

    private static Verified verify(List<Path> files) {
        StringWriter out = new StringWriter();
        CommandLine command = new CommandLine(new VerifyCommand());
        command.setOut(new PrintWriter(out));
        command.setErr(new PrintWriter(out));
        int status = command.execute(files.stream().map(Path::toString).toArray(String[]::new));
        return new Verified(status, out.toString());
    }

    private interface Edit {
        void apply(List<String> lines);
    }

    private Path rewrite(Path segment, String name, Edit edit) throws IOException {
        List<String> lines;
        try (InputStream in = new GZIPInputStream(Files.newInputStream(segment))) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            in.transferTo(bytes);
            lines = new ArrayList<>(
                    List.of(bytes.toString(StandardCharsets.UTF_8).split("\n")));
        }
        edit.apply(lines);
        Path target = dir.resolve(name + ".jsonl.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(target))) {
            out.write((String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8));
        }
        return target;
    }

    private static int indexOfEvent(List<String> lines, long seq) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith("{\"kind\":\"event\",\"seq\":" + seq + ",")) {
                return i;
            }
        }
        throw new IllegalArgumentException("no event " + seq);
    }

    private static long count(String table) {
        return Long.parseLong(recorded("SELECT count(*) FROM audit." + table));
    }

    private static String recorded(String sql) {
        try (Connection c = db.owner().getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
