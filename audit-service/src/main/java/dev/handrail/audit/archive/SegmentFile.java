package dev.handrail.audit.archive;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.handrail.audit.chain.Checkpoint;
import dev.handrail.audit.chain.SigningKey;
import dev.handrail.audit.cli.ExportVerifier;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.GZIPOutputStream;

/**
 * Writes one sealed segment to a gzip'd file in the audit export format ({@link ExportVerifier#FORMAT}),
 * so the offline verifier reads it as it reads an export: an {@code export} line naming the segment's
 * seqs and its {@code anchor_hash} (the hash of the event before it), a {@code key} line per signing
 * key, a {@code checkpoint} line per checkpoint inside the segment, an {@code event} line per stored
 * row as stored (its columns, hash and prev hash, and the envelope's stored JSON text verbatim), and
 * an {@code end} line. The file is written
 * beside its final name, forced to disk, then moved into place and its directory forced too. Stateless.
 */
final class SegmentFile {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final int FETCH_SIZE = 1000;

    private SegmentFile() {}

    /** The file name of the segment of seqs {@code first..last}: sorts in seq order. */
    static String name(long first, long last) {
        return "audit-segment-%012d-%012d.jsonl.gz".formatted(first, last);
    }

    /**
     * Writes seqs {@code first..last} read on {@code c} (inside one snapshot) to {@code dir}, and
     * returns the file's path.
     */
    static Path write(
            Connection c,
            Path dir,
            long first,
            long last,
            String anchorHash,
            List<SigningKey> keys,
            List<Checkpoint> checkpoints)
            throws IOException, SQLException {
        Files.createDirectories(dir);
        Path target = dir.resolve(name(first, last));
        Path temp = Files.createTempFile(dir, ".audit-segment", ".tmp");
        try {
            long events;
            try (OutputStream file = Files.newOutputStream(temp);
                    GZIPOutputStream out = new GZIPOutputStream(file, 1 << 16)) {
                ObjectNode header = MAPPER.createObjectNode()
                        .put("kind", "export")
                        .put("format", ExportVerifier.FORMAT)
                        .put("from_seq", first)
                        .put("to_seq", last)
                        .put("anchor_hash", anchorHash)
                        .put("exported_at", Instant.now().toString());
                line(out, header);
                for (SigningKey key : keys) {
                    line(
                            out,
                            MAPPER.createObjectNode()
                                    .put("kind", "key")
                                    .put("key_id", key.keyId())
                                    .put("algorithm", key.algorithm())
                                    .put("public_key", key.publicKey())
                                    .put("created_at", key.createdAt().toString()));
                }
                for (Checkpoint checkpoint : checkpoints) {
                    line(
                            out,
                            MAPPER.createObjectNode()
                                    .put("kind", "checkpoint")
                                    .put("seq", checkpoint.seq())
                                    .put("hash", checkpoint.hash())
                                    .put("key_id", checkpoint.keyId())
                                    .put("signature", checkpoint.signature())
                                    .put("signed_at", checkpoint.signedAt().toString()));
                }
                events = events(c, out, first, last);
                line(
                        out,
                        MAPPER.createObjectNode()
                                .put("kind", "end")
                                .put("from_seq", first)
                                .put("events", events)
                                .put("head_seq", last));
                out.finish();
                file.flush();
            }
            force(temp);
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            forceDirectory(dir);
            return target;
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** The hex SHA-256 of the file's bytes. */
    static String sha256(Path file) throws IOException {
        MessageDigest digest = sha256();
        try (DigestInputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
            in.transferTo(OutputStream.nullOutputStream());
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static long events(Connection c, OutputStream out, long first, long last) throws SQLException, IOException {
        long count = 0;
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT seq, prev_hash, hash, event_id, type, action_id, nats_subject, event_time, recorded_at,"
                        + " envelope::text FROM events WHERE seq BETWEEN ? AND ? ORDER BY seq")) {
            ps.setFetchSize(FETCH_SIZE);
            ps.setLong(1, first);
            ps.setLong(2, last);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ObjectNode event = MAPPER.createObjectNode()
                            .put("kind", "event")
                            .put("seq", rs.getLong(1))
                            .put("prev_hash", rs.getString(2))
                            .put("hash", rs.getString(3))
                            .put("event_id", rs.getString(4))
                            .put("type", rs.getString(5))
                            .put("action_id", rs.getString(6))
                            .put("nats_subject", rs.getString(7))
                            .put("event_time", text(rs.getTimestamp(8)))
                            .put("recorded_at", text(rs.getTimestamp(9)));
                    byte[] json = MAPPER.writeValueAsBytes(event);
                    out.write(json, 0, json.length - 1);
                    out.write(",\"envelope\":".getBytes(StandardCharsets.UTF_8));
                    out.write(rs.getString(10).getBytes(StandardCharsets.UTF_8));
                    out.write("}\n".getBytes(StandardCharsets.UTF_8));
                    count++;
                }
            }
        }
        return count;
    }

    private static String text(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant().toString();
    }

    private static void line(OutputStream out, ObjectNode node) throws IOException {
        out.write(MAPPER.writeValueAsBytes(node));
        out.write('\n');
    }

    private static void force(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.force(true);
        }
    }

    private static void forceDirectory(Path dir) {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException notSupported) {
            // some file systems cannot open a directory; the file itself was forced before the move
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("This JVM has no SHA-256", e);
        }
    }
}
