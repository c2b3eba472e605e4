package dev.handrail.audit.chain;

import dev.handrail.audit.jdbc.EventStoreException;
import dev.handrail.audit.jdbc.PlainDataSource;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/** Reads the stored checkpoints and signing keys. Stateless and thread-safe. */
@Singleton
public class CheckpointRecords {

    private final DataSource dataSource;

    public CheckpointRecords(DataSource dataSource) {
        this.dataSource = PlainDataSource.of(dataSource);
    }

    /** The checkpoints at or after {@code fromSeq}, in seq order. */
    public List<Checkpoint> checkpoints(long fromSeq) {
        try (Connection c = dataSource.getConnection()) {
            return checkpoints(c, fromSeq);
        } catch (SQLException e) {
            throw new EventStoreException("Cannot read checkpoints: " + e.getMessage(), e);
        }
    }

    /** Every public key that has signed or may sign checkpoints, oldest first. */
    public List<SigningKey> keys() {
        try (Connection c = dataSource.getConnection()) {
            return keys(c);
        } catch (SQLException e) {
            throw new EventStoreException("Cannot read signing keys: " + e.getMessage(), e);
        }
    }

    /** The checkpoints at or after {@code fromSeq}, in seq order, read on {@code c}. */
    public static List<Checkpoint> checkpoints(Connection c, long fromSeq) throws SQLException {
        List<Checkpoint> checkpoints = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT seq, hash, key_id, signature, signed_at FROM checkpoints WHERE seq >= ? ORDER BY seq")) {
            ps.setLong(1, fromSeq);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    checkpoints.add(new Checkpoint(
                            rs.getLong(1),
                            rs.getString(2),
                            rs.getString(3),
                            rs.getString(4),
                            rs.getTimestamp(5).toInstant()));
                }
            }
        }
        return checkpoints;
    }

    /** Every signing key, oldest first, read on {@code c}. */
    public static List<SigningKey> keys(Connection c) throws SQLException {
        List<SigningKey> keys = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(
                        "SELECT key_id, algorithm, public_key, created_at FROM signing_keys ORDER BY created_at, key_id");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                Timestamp created = rs.getTimestamp(4);
                keys.add(new SigningKey(rs.getString(1), rs.getString(2), rs.getString(3), created.toInstant()));
            }
        }
        return keys;
    }
}
