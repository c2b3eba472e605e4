package dev.handrail.audit.archive;

import dev.handrail.audit.chain.ArchivedCut;
import dev.handrail.audit.chain.Checkpoint;
import dev.handrail.audit.chain.CheckpointRecords;
import dev.handrail.audit.chain.CheckpointSignature;
import dev.handrail.audit.chain.SigningKey;
import dev.handrail.audit.cli.ExportFiles;
import dev.handrail.audit.cli.ExportVerifier;
import dev.handrail.audit.jdbc.EventStoreException;
import dev.handrail.bus.Streams;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.security.PublicKey;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import javax.sql.DataSource;

/**
 * Moves sealed segments of the audit chain out of the hot table into files: for each segment (seqs
 * a..b where b is a signed checkpoint's seq) it writes the file ({@link SegmentFile}), forces it to
 * disk, reads it back through the offline verifier, and only then, in one transaction, records the
 * cut in {@code archived_segments} (with the file's SHA-256) and deletes the segment's events. It
 * connects as the owner of the audit tables: the service role may not delete, and the events'
 * trigger lets nobody delete a row no recorded cut covers. The newest stored event always stays hot
 * (the next event links to it). Checkpoints, keys and the actions projection are never removed.
 * Not thread-safe; one run at a time per database (a session advisory lock refuses a second).
 */
public final class SegmentArchiver {

    /** Largest segment by default: segments end at checkpoints, so one may be longer when they are sparse. */
    public static final long DEFAULT_SEGMENT_EVENTS = 100_000;

    /** Advisory lock key held by an archive run: the ASCII of "hrarchiv". */
    static final long ARCHIVE_LOCK = 0x6872617263686976L;

    private final DataSource owner;
    private final Path dir;
    private final long segmentEvents;
    private final String archivedBy;
    private final Duration minAge;

    /** An archiver that keeps hot every event the event feed may still deliver ({@link Streams#EVENT_RETENTION}). */
    public SegmentArchiver(DataSource owner, Path dir, long segmentEvents, String archivedBy) {
        this(owner, dir, segmentEvents, archivedBy, Streams.EVENT_RETENTION);
    }

    /**
     * @param owner         connections as the owner of the audit tables, with the audit schema current
     * @param dir           where segment files are written
     * @param segmentEvents the most events a segment holds when its checkpoints allow
     * @param archivedBy    who runs the archive, recorded with each cut
     * @param minAge        the youngest an archived event may be: audit recognises a redelivered
     *                      event only while it is in the hot table, so this is at least as long
     *                      as the event feed keeps events
     */
    public SegmentArchiver(DataSource owner, Path dir, long segmentEvents, String archivedBy, Duration minAge) {
        if (segmentEvents < 1) {
            throw new IllegalArgumentException("A segment holds at least one event, not " + segmentEvents);
        }
        if (minAge.isNegative()) {
            throw new IllegalArgumentException("The youngest archived event cannot be " + minAge + " old");
        }
        this.owner = owner;
        this.dir = dir;
        this.segmentEvents = segmentEvents;
        this.archivedBy = archivedBy;
        this.minAge = minAge;
    }

    /** One segment moved to a file. */
    public record ArchivedSegment(long firstSeq, long lastSeq, long events, Path file, String sha256) {}

    /**
     * Archives every sealed event through {@code seq}, which must be a signed checkpoint's seq and not
     * the newest event; nothing when it was archived already.
     */
    public List<ArchivedSegment> archiveThrough(long seq) {
        return run(c -> {
            ArchivedCut cut = ArchivedCut.read(c);
            if (seq <= cut.throughSeq()) {
                return Optional.empty();
            }
            if (!isCheckpoint(c, seq)) {
                throw new ArchiveRefusedException("seq " + seq + " is not sealed: no signed checkpoint was made at it ("
                        + nearestCheckpoints(c, seq) + "); archive through a checkpoint's seq");
            }
            long head = head(c);
            if (seq >= head) {
                throw new ArchiveRefusedException("seq " + seq + " is the newest stored event; the chain's head stays"
                        + " in the hot table so the next event links to it");
            }
            return Optional.of(seq);
        });
    }

    /**
     * Archives the events up to the last checkpoint recorded before {@code before} (never the newest
     * event); nothing when no such checkpoint is in the hot table.
     */
    public List<ArchivedSegment> archiveBefore(Instant before) {
        return run(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT max(k.seq) FROM checkpoints k JOIN events e"
                    + " ON e.seq = k.seq WHERE e.recorded_at < ? AND k.seq < (SELECT max(seq) FROM events)")) {
                ps.setTimestamp(1, Timestamp.from(before));
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    long seq = rs.getLong(1);
                    return rs.wasNull() ? Optional.empty() : Optional.of(seq);
                }
            }
        });
    }

    private List<ArchivedSegment> run(Target target) {
        try (Connection c = owner.getConnection()) {
            requireOwner(c);
            if (!advisory(c, "pg_try_advisory_lock")) {
                throw new ArchiveRefusedException("another archive run is in progress on this database");
            }
            try {
                Optional<Long> through = target.lastSeq(c);
                if (through.isPresent()) {
                    requireOldEnough(c, through.get());
                }
                List<ArchivedSegment> archived = new ArrayList<>();
                while (through.isPresent()) {
                    long first = ArchivedCut.read(c).firstHotSeq();
                    if (first > through.get()) {
                        break;
                    }
                    archived.add(archive(c, first, segmentEnd(c, first, through.get())));
                }
                return archived;
            } finally {
                advisory(c, "pg_advisory_unlock");
            }
        } catch (SQLException e) {
            throw new EventStoreException("Cannot archive audit segments: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write an audit segment file in " + dir + ": " + e.getMessage(), e);
        }
    }

    /**
     * Refuses a cut through an event recorded less than {@link #minAge} ago: the event feed may
     * deliver it again (a consumer recreated, a replay), and once it has left the hot table audit
     * would store it a second time.
     */
    private void requireOldEnough(Connection c, long through) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT recorded_at FROM events WHERE seq = ?")) {
            ps.setLong(1, through);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return;
                }
                Instant recorded = rs.getTimestamp(1).toInstant();
                Instant youngest = Instant.now().minus(minAge);
                if (recorded.isAfter(youngest)) {
                    throw new ArchiveRefusedException("seq " + through + " was recorded at " + recorded + ", less than "
                            + minAge.toDays() + " days (" + minAge + ") ago: the event feed may still deliver events"
                            + " that young again, and audit recognises a repeat only in the hot table. Archive events"
                            + " recorded before " + youngest + " (--min-age lowers the limit when the feed keeps"
                            + " events for less)");
                }
            }
        }
    }

    /** The last seq of the segment starting at {@code first}: a checkpoint's seq, at most {@code through}. */
    private long segmentEnd(Connection c, long first, long through) throws SQLException {
        long wanted = Math.min(through, first + segmentEvents - 1);
        Optional<Long> within = oneLong(c, "SELECT max(seq) FROM checkpoints WHERE seq BETWEEN ? AND ?", first, wanted);
        if (within.isPresent()) {
            return within.get();
        }
        return oneLong(c, "SELECT min(seq) FROM checkpoints WHERE seq BETWEEN ? AND ?", first, through)
                .orElseThrow(() -> new ArchiveRefusedException(
                        "seqs " + first + ".." + through + " hold no signed checkpoint: they are not sealed"));
    }

    private ArchivedSegment archive(Connection c, long first, long last) throws SQLException, IOException {
        c.setAutoCommit(false);
        c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
        try {
            ArchivedCut cut = ArchivedCut.read(c);
            List<SigningKey> keys = CheckpointRecords.keys(c);
            List<Checkpoint> checkpoints = CheckpointRecords.checkpoints(c, first).stream()
                    .filter(k -> k.seq() <= last)
                    .toList();
            Path file = SegmentFile.write(c, dir, first, last, cut.lastHash(), keys, checkpoints);
            String lastHash = checkpoints.getLast().hash();
            requireVerified(file, first, last, cut.lastHash(), lastHash, keys);
            String sha256 = SegmentFile.sha256(file);
            remove(c, first, last, cut.lastHash(), lastHash, file, sha256);
            c.commit();
            return new ArchivedSegment(first, last, last - first + 1, file, sha256);
        } catch (SQLException | IOException | RuntimeException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(true);
        }
    }

    /** Reads the written file back from disk and checks it is exactly the sealed segment. */
    private static void requireVerified(
            Path file, long first, long last, String anchor, String lastHash, List<SigningKey> keys)
            throws IOException {
        Map<String, PublicKey> trusted = keys.stream()
                .collect(Collectors.toMap(SigningKey::keyId, k -> CheckpointSignature.publicKey(k.publicKey())));
        ExportVerifier.Outcome outcome;
        try (BufferedReader in = ExportFiles.open(file)) {
            outcome = new ExportVerifier(trusted).verify(in);
        }
        var report = outcome.report();
        List<String> problems = new ArrayList<>();
        if (!report.intact()) {
            problems.add(report.problem() + " at seq " + report.brokenSeq() + ": " + report.reason());
        }
        if (report.fromSeq() != first || report.headSeq() != last || report.checked() != last - first + 1) {
            problems.add("it holds seqs " + report.fromSeq() + ".." + report.headSeq() + " (" + report.checked()
                    + " verified), not " + first + ".." + last);
        }
        if (report.lastCheckpointSeq() == null || report.lastCheckpointSeq() != last) {
            problems.add("its last checkpoint is at seq " + report.lastCheckpointSeq() + ", not " + last);
        }
        if (!anchor.equals(outcome.anchorHash()) || !lastHash.equals(outcome.lastHash())) {
            problems.add("it does not start from the recorded anchor or end at the checkpoint's hash");
        }
        if (!problems.isEmpty()) {
            throw new ArchiveRefusedException("the segment file " + file + " did not verify ("
                    + String.join("; ", problems) + "); nothing was removed");
        }
    }

    private void remove(Connection c, long first, long last, String anchor, String lastHash, Path file, String sha256)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO archived_segments (first_seq, last_seq, anchor_hash, last_hash, checkpoint_seq, events,"
                        + " file_name, file_sha256, archived_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            ps.setLong(1, first);
            ps.setLong(2, last);
            ps.setString(3, anchor);
            ps.setString(4, lastHash);
            ps.setLong(5, last);
            ps.setLong(6, last - first + 1);
            ps.setString(7, file.getFileName().toString());
            ps.setString(8, sha256);
            ps.setString(9, archivedBy);
            ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO archived_action_events (action_id, first_seq, events) SELECT action_id, ?, count(*)"
                        + " FROM events WHERE seq BETWEEN ? AND ? AND action_id IS NOT NULL GROUP BY action_id")) {
            ps.setLong(1, first);
            ps.setLong(2, first);
            ps.setLong(3, last);
            ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM events WHERE seq BETWEEN ? AND ?")) {
            ps.setLong(1, first);
            ps.setLong(2, last);
            int removed = ps.executeUpdate();
            if (removed != last - first + 1) {
                throw new ArchiveRefusedException("seqs " + first + ".." + last + " should be " + (last - first + 1)
                        + " stored events but " + removed + " were found; nothing was removed");
            }
        }
    }

    private static void requireOwner(Connection c) throws SQLException {
        try (PreparedStatement ps =
                        c.prepareStatement("SELECT current_user, to_regclass('archived_segments') IS NOT NULL,"
                                + " has_table_privilege('events', 'DELETE')");
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            if (!rs.getBoolean(2)) {
                throw new ArchiveRefusedException("the audit schema has no archived_segments table: start the audit"
                        + " service of this version once (its migrations add it), or check the schema in the URL");
            }
            if (!rs.getBoolean(3)) {
                throw new ArchiveRefusedException("role " + rs.getString(1) + " may not remove audit events: archive as"
                        + " the owner of the audit tables (the role the migrations run as), never as the service role");
            }
        }
    }

    private static boolean advisory(Connection c, String function) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + function + "(?)")) {
            ps.setLong(1, ARCHIVE_LOCK);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    private static boolean isCheckpoint(Connection c, long seq) throws SQLException {
        return oneLong(c, "SELECT max(seq) FROM checkpoints WHERE seq BETWEEN ? AND ?", seq, seq)
                .isPresent();
    }

    private static String nearestCheckpoints(Connection c, long seq) throws SQLException {
        Optional<Long> before = oneLong(c, "SELECT max(seq) FROM checkpoints WHERE seq BETWEEN ? AND ?", 1, seq);
        Optional<Long> after =
                oneLong(c, "SELECT min(seq) FROM checkpoints WHERE seq BETWEEN ? AND ?", seq, Long.MAX_VALUE);
        return "the nearest before it is at seq " + before.map(String::valueOf).orElse("none") + ", after it at seq "
                + after.map(String::valueOf).orElse("none yet");
    }

    private static long head(Connection c) throws SQLException {
        return oneLong(c, "SELECT max(seq) FROM events WHERE seq BETWEEN ? AND ?", 1, Long.MAX_VALUE)
                .orElse(0L);
    }

    private static Optional<Long> oneLong(Connection c, String sql, long from, long to) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, from);
            ps.setLong(2, to);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                long value = rs.getLong(1);
                return rs.wasNull() ? Optional.empty() : Optional.of(value);
            }
        }
    }

    /** How far a run archives: the last seq to archive, read on the run's connection; empty: nothing. */
    @FunctionalInterface
    private interface Target {
        Optional<Long> lastSeq(Connection c) throws SQLException;
    }

    /** The archive was refused (the range is not sealed, the role may not remove, the file did not verify). */
    public static final class ArchiveRefusedException extends IllegalStateException {
        private static final long serialVersionUID = 1L;

        ArchiveRefusedException(String message) {
            super(message);
        }
    }
}
