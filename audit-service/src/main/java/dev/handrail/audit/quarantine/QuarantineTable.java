package dev.handrail.audit.quarantine;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * The {@code quarantine} table, in plain JDBC on a connection the caller owns: keeps rejected
 * messages raw (append-only, numbered under the chain's advisory lock, which the caller holds) and
 * reads what it holds. A message kept before (a redelivery) keeps its row: {@link #keep} returns
 * that row again. Stateless and thread-safe.
 */
public final class QuarantineTable {

    /** How many of the latest quarantined messages a verification lists by name. */
    public static final int LISTED = 100;

    private static final String COLUMNS = "id, stream, stream_sequence, nats_subject, event_id, error, quarantined_at";

    private QuarantineTable() {}

    /** Keeps a rejected message unless it is kept already; either way its row. Call while holding the chain lock. */
    public static QuarantinedEvent keep(Connection c, Rejected rejected, Instant now) throws SQLException {
        String digest = sha256(rejected.payload());
        Optional<QuarantinedEvent> existing = find(c, rejected.stream(), rejected.streamSequence(), digest);
        if (existing.isPresent()) {
            return existing.get();
        }
        long id = nextId(c);
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO quarantine (id, quarantined_at, stream, stream_sequence, nats_subject, event_id, payload,
                    payload_sha256, error) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
            ps.setLong(1, id);
            ps.setObject(2, OffsetDateTime.ofInstant(now, ZoneOffset.UTC), Types.TIMESTAMP_WITH_TIMEZONE);
            ps.setString(3, rejected.stream());
            ps.setLong(4, rejected.streamSequence());
            ps.setString(5, rejected.natsSubject());
            ps.setString(6, printable(rejected.eventId()));
            ps.setBytes(7, rejected.payload());
            ps.setString(8, digest);
            ps.setString(9, printable(rejected.error()));
            ps.executeUpdate();
        }
        return new QuarantinedEvent(
                id,
                rejected.stream(),
                rejected.streamSequence(),
                rejected.natsSubject(),
                printable(rejected.eventId()),
                printable(rejected.error()),
                now);
    }

    /** How many messages are quarantined and the latest {@link #LISTED} of them, newest first. */
    public static QuarantineSummary summary(Connection c) throws SQLException {
        long count;
        try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM quarantine");
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            count = rs.getLong(1);
        }
        if (count == 0) {
            return QuarantineSummary.EMPTY;
        }
        List<QuarantinedEvent> latest = new ArrayList<>();
        try (PreparedStatement ps =
                c.prepareStatement("SELECT " + COLUMNS + " FROM quarantine ORDER BY id DESC LIMIT ?")) {
            ps.setInt(1, LISTED);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    latest.add(read(rs));
                }
            }
        }
        return new QuarantineSummary(count, latest);
    }

    private static Optional<QuarantinedEvent> find(Connection c, String stream, long sequence, String digest)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS
                + " FROM quarantine WHERE stream = ? AND stream_sequence = ? AND payload_sha256 = ?")) {
            ps.setString(1, stream);
            ps.setLong(2, sequence);
            ps.setString(3, digest);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(read(rs)) : Optional.empty();
            }
        }
    }

    private static long nextId(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT coalesce(max(id), 0) + 1 FROM quarantine");
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static QuarantinedEvent read(ResultSet rs) throws SQLException {
        Timestamp at = rs.getTimestamp(7);
        return new QuarantinedEvent(
                rs.getLong(1),
                rs.getString(2),
                rs.getLong(3),
                rs.getString(4),
                rs.getString(5),
                rs.getString(6),
                at.toInstant());
    }

    /** Text PostgreSQL's {@code text} accepts: the NUL character (which it refuses) written as {@code \u0000}. */
    private static String printable(String text) {
        return text == null ? null : text.replace("\u0000", "\\u0000");
    }

    private static String sha256(byte[] payload) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(payload));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }
}
