package dev.handrail.health.leader;

import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The leader lock: a PostgreSQL session-level advisory lock held on one connection kept open
 * for as long as this instance leads. PostgreSQL releases it when that session ends, so a
 * crashed leader's lock is free as soon as its connection is gone. Thread-safe: synchronised.
 */
@Singleton
public final class Leadership {

    private static final Logger LOG = LoggerFactory.getLogger(Leadership.class);
    private static final int CHECK_TIMEOUT_SECONDS = 2;

    private final DataSource dataSource;
    private final long lockKey;
    private Connection held;

    /**
     * @param dataSource the service's data source; the pool behind Micronaut's contextual proxy
     *                   is used, since the lock's connection is kept outside any transaction
     */
    public Leadership(DataSource dataSource, LeaderConfig config) {
        this.dataSource = DelegatingDataSource.unwrapDataSource(dataSource);
        this.lockKey = config.getLockKey();
    }

    /** Whether this instance holds the lock (as of the last check). */
    public synchronized boolean isLeader() {
        return held != null;
    }

    /** Takes the lock if it is free; true if this instance holds it now. */
    public synchronized boolean tryAcquire() {
        if (held != null) {
            return true;
        }
        Connection c = null;
        try {
            c = dataSource.getConnection();
            try (PreparedStatement s = c.prepareStatement("SELECT pg_try_advisory_lock(?)")) {
                s.setLong(1, lockKey);
                try (ResultSet rs = s.executeQuery()) {
                    if (rs.next() && rs.getBoolean(1)) {
                        held = c;
                        return true;
                    }
                }
            }
            c.close();
            return false;
        } catch (SQLException e) {
            LOG.debug("Cannot try the leader lock: {}", e.getMessage());
            abort(c);
            return false;
        }
    }

    /** Checks the lock's session is still alive; if not, this instance no longer leads. */
    public synchronized boolean stillHeld() {
        if (held == null) {
            return false;
        }
        try (Statement s = held.createStatement()) {
            s.setQueryTimeout(CHECK_TIMEOUT_SECONDS);
            s.execute("SELECT 1");
            return true;
        } catch (SQLException e) {
            LOG.warn("Lost the leader lock's connection: {}", e.getMessage());
            abort(held);
            held = null;
            return false;
        }
    }

    /** Lets go of the lock. */
    public synchronized void release() {
        if (held == null) {
            return;
        }
        Connection c = held;
        held = null;
        try (PreparedStatement s = c.prepareStatement("SELECT pg_advisory_unlock(?)")) {
            s.setLong(1, lockKey);
            s.execute();
            c.close();
        } catch (SQLException e) {
            abort(c);
        }
    }

    /** Closes a connection for good, so the pool never hands out a session that may hold the lock. */
    private static void abort(Connection c) {
        if (c == null) {
            return;
        }
        try {
            c.abort(Runnable::run);
        } catch (SQLException | RuntimeException e) {
            LOG.debug("Closing a connection failed: {}", e.getMessage());
        }
    }
}
