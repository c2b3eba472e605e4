package dev.handrail.audit.checkpoint;

import dev.handrail.audit.chain.Checkpoint;
import dev.handrail.contracts.message.AuditCheckpoint;
import dev.handrail.contracts.message.MessageTypes;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.Optional;

/**
 * Decides inside an append transaction, with the chain lock held, whether the chain's head is due
 * a checkpoint, and if so signs and stores it: after {@code every-events} events since the last
 * checkpoint, or (on the timer) when anything but checkpoint events has been stored since it (so
 * storing a checkpoint's own event never calls for another). Stateless and thread-safe; the chain
 * lock keeps two instances from checkpointing at once.
 */
@Singleton
public class Checkpointer {

    /** The CloudEvents type of a checkpoint's own event on the feed. */
    public static final String CHECKPOINT_TYPE = MessageTypes.typeOf(new AuditCheckpoint(0, "", "", "", null));

    private final CheckpointSigner signer;
    private final int everyEvents;

    public Checkpointer(CheckpointSigner signer, CheckpointConfig config) {
        this.signer = signer;
        this.everyEvents = config.getEveryEvents();
    }

    /** What called for the check: a committed batch (count rule) or the timer (time rule). */
    public enum Trigger {
        BATCH,
        TIMER
    }

    /** Signs and stores a checkpoint at (headSeq, headHash) if one is due; empty otherwise. */
    public Optional<Checkpoint> ifDue(Connection c, long headSeq, String headHash, Trigger trigger)
            throws SQLException {
        if (headSeq == 0) {
            return Optional.empty();
        }
        long last = lastCheckpointSeq(c);
        boolean due = switch (trigger) {
            case BATCH -> headSeq - last >= everyEvents;
            case TIMER -> headSeq > last && storedSince(c, last);
        };
        return due ? Optional.of(store(c, signer.sign(headSeq, headHash))) : Optional.empty();
    }

    private Checkpoint store(Connection c, Checkpoint checkpoint) throws SQLException {
        try (PreparedStatement key = c.prepareStatement(
                "INSERT INTO signing_keys (key_id, algorithm, public_key) VALUES (?, ?, ?) ON CONFLICT (key_id) DO NOTHING")) {
            key.setString(1, signer.publicKey().keyId());
            key.setString(2, signer.publicKey().algorithm());
            key.setString(3, signer.publicKey().publicKey());
            key.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO checkpoints (seq, hash, key_id, signature, signed_at) VALUES (?, ?, ?, ?, ?)")) {
            ps.setLong(1, checkpoint.seq());
            ps.setString(2, checkpoint.hash());
            ps.setString(3, checkpoint.keyId());
            ps.setString(4, checkpoint.signature());
            ps.setTimestamp(5, Timestamp.from(checkpoint.signedAt()));
            ps.executeUpdate();
        }
        return checkpoint;
    }

    private static long lastCheckpointSeq(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT coalesce(max(seq), 0) FROM checkpoints");
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static boolean storedSince(Connection c, long seq) throws SQLException {
        try (PreparedStatement ps =
                c.prepareStatement("SELECT EXISTS (SELECT 1 FROM events WHERE seq > ? AND type IS DISTINCT FROM ?)")) {
            ps.setLong(1, seq);
            ps.setString(2, CHECKPOINT_TYPE);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }
}
