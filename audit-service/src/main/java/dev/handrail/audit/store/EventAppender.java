package dev.handrail.audit.store;

import dev.handrail.audit.chain.CanonicalJson;
import dev.handrail.audit.chain.ChainHash;
import dev.handrail.audit.chain.Checkpoint;
import dev.handrail.audit.checkpoint.Checkpointer;
import dev.handrail.audit.jdbc.EventStoreException;
import dev.handrail.audit.jdbc.PlainDataSource;
import dev.handrail.audit.projection.ActionProjection;
import dev.handrail.audit.projection.ProjectedEvent;
import dev.handrail.audit.redaction.Redactor;
import dev.handrail.contracts.message.Envelope;
import jakarta.inject.Singleton;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Appends one batch of events to the chain in one transaction: takes the chain lock (so audit
 * instances append one at a time), drops events already stored or repeated in the batch, redacts
 * sensitive values, gives the rest the next seqs and hashes, folds the action events into the
 * projection, and signs a checkpoint when one is due. After the commit it tells the
 * {@link AppendListener}. Stateless and thread-safe; the advisory lock, not this class, keeps
 * concurrent appends apart.
 */
@Singleton
public class EventAppender {

    /** Advisory lock key held while appending: the ASCII of "handrail". */
    static final long CHAIN_LOCK = 0x68616e647261696cL;

    private static final Logger LOG = LoggerFactory.getLogger(EventAppender.class);
    private static final String INSERT = """
            INSERT INTO events (seq, event_id, type, action_id, nats_subject, event_time, envelope, prev_hash, hash)
            VALUES (?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?)""";

    private final DataSource dataSource;
    private final ActionProjection projection;
    private final Redactor redactor;
    private final Checkpointer checkpointer;
    private final AppendListener listener;

    public EventAppender(DataSource dataSource, ActionProjection projection, Redactor redactor, Checkpointer checkpointer,
                         AppendListener listener) {
        this.dataSource = PlainDataSource.of(dataSource);
        this.projection = projection;
        this.redactor = redactor;
        this.checkpointer = checkpointer;
        this.listener = listener;
    }

    /** Stores the batch; either all of it that is new is committed, or nothing and it throws. */
    public AppendResult append(List<IncomingEvent> batch) {
        List<Prepared> prepared = prepare(batch);
        Appended appended = inTransaction(c -> appendIn(c, prepared, batch.size() - prepared.size()),
                "Cannot append " + batch.size() + " events");
        announce(appended);
        return appended.result();
    }

    /** Signs the chain's head if events other than checkpoints were stored since the last checkpoint (the time rule). */
    public Optional<Checkpoint> checkpointIfDue() {
        Appended appended = inTransaction(c -> {
            lock(c);
            Head head = head(c);
            Optional<Checkpoint> checkpoint = checkpointer.ifDue(c, head.seq(), head.hash(), Checkpointer.Trigger.TIMER);
            return new Appended(new AppendResult(0, 0, 0, head.seq()), List.of(), checkpoint);
        }, "Cannot sign a checkpoint");
        announce(appended);
        return appended.checkpoint();
    }

    private Appended inTransaction(Work work, String failure) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                Appended appended = work.in(c);
                c.commit();
                return appended;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new EventStoreException(failure + ": " + e.getMessage(), e);
        }
    }

    private void announce(Appended appended) {
        try {
            if (!appended.rows().isEmpty()) {
                listener.stored(appended.rows());
            }
            appended.checkpoint().ifPresent(listener::checkpointed);
        } catch (RuntimeException e) {
            LOG.warn("Announcing {} stored events failed (they are stored; readers catch up from the store): {}",
                    appended.rows().size(), e.toString());
        }
    }

    private List<Prepared> prepare(List<IncomingEvent> batch) {
        List<Prepared> prepared = new ArrayList<>(batch.size());
        for (IncomingEvent event : batch) {
            Optional<Prepared> p = storable(event);
            if (p.isPresent()) {
                prepared.add(p.get());
            } else {
                LOG.error("Envelope {} of type {} on {} can never be stored (no id, or JSON that cannot be stored: a NUL character, a lone surrogate, a number beyond a double, too deep);"
                        + " it is dropped", event.envelope().id(), event.envelope().type(), event.subject());
            }
        }
        return prepared;
    }

    private Optional<Prepared> storable(IncomingEvent event) {
        Envelope envelope = event.envelope();
        if (envelope.id() == null || envelope.id().isBlank()) {
            return Optional.empty();
        }
        try {
            Envelope stored = redactor.redact(envelope);
            return Optional.of(new Prepared(stored, event.subject(), EnvelopeText.of(stored)));
        } catch (CanonicalJson.NotJsonException e) {
            return Optional.empty();
        }
    }

    private Appended appendIn(Connection c, List<Prepared> batch, int unstorable) throws SQLException {
        lock(c);
        Head head = head(c);
        Set<String> seen = existingIds(c, batch);
        List<Prepared> fresh = new ArrayList<>(batch.size());
        for (Prepared p : batch) {
            if (seen.add(p.envelope().id())) {
                fresh.add(p);
            }
        }
        List<StoredRow> rows = insert(c, head, fresh);
        projection.apply(c, projected(fresh));
        Head last = rows.isEmpty() ? head : new Head(rows.getLast().seq(), rows.getLast().hash());
        Optional<Checkpoint> checkpoint = rows.isEmpty() ? Optional.empty()
                : checkpointer.ifDue(c, last.seq(), last.hash(), Checkpointer.Trigger.BATCH);
        return new Appended(new AppendResult(fresh.size(), batch.size() - fresh.size(), unstorable, last.seq()), rows,
                checkpoint);
    }

    private static void lock(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT pg_advisory_xact_lock(?)")) {
            ps.setLong(1, CHAIN_LOCK);
            ps.execute();
        }
    }

    private static Head head(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT seq, hash FROM events ORDER BY seq DESC LIMIT 1");
             ResultSet rs = ps.executeQuery()) {
            return rs.next() ? new Head(rs.getLong(1), rs.getString(2)) : new Head(0, ChainHash.GENESIS);
        }
    }

    private static Set<String> existingIds(Connection c, List<Prepared> batch) throws SQLException {
        Set<String> existing = new HashSet<>();
        Array ids = c.createArrayOf("text", batch.stream().map(p -> p.envelope().id()).toArray());
        try (PreparedStatement ps = c.prepareStatement("SELECT event_id FROM events WHERE event_id = ANY(?)")) {
            ps.setArray(1, ids);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    existing.add(rs.getString(1));
                }
            }
        } finally {
            ids.free();
        }
        return existing;
    }

    private static List<StoredRow> insert(Connection c, Head head, List<Prepared> fresh) throws SQLException {
        List<StoredRow> rows = new ArrayList<>(fresh.size());
        if (fresh.isEmpty()) {
            return rows;
        }
        Head last = head;
        try (PreparedStatement ps = c.prepareStatement(INSERT)) {
            for (Prepared p : fresh) {
                Envelope env = p.envelope();
                Head next = new Head(last.seq() + 1, ChainHash.next(last.hash(), p.text().canonical()));
                ps.setLong(1, next.seq());
                ps.setString(2, env.id());
                ps.setString(3, env.type());
                ps.setString(4, env.subject());
                ps.setString(5, p.subject());
                ps.setObject(6, env.time() == null ? null : OffsetDateTime.ofInstant(env.time(), ZoneOffset.UTC),
                        Types.TIMESTAMP_WITH_TIMEZONE);
                ps.setString(7, p.text().json());
                ps.setString(8, last.hash());
                ps.setString(9, next.hash());
                ps.addBatch();
                rows.add(new StoredRow(next.seq(), last.hash(), next.hash(), p.subject(), p.text().json()));
                last = next;
            }
            ps.executeBatch();
        }
        return rows;
    }

    private static List<ProjectedEvent> projected(List<Prepared> fresh) {
        Instant now = Instant.now();
        List<ProjectedEvent> events = new ArrayList<>();
        for (Prepared p : fresh) {
            ProjectedEvent.from(p.envelope(), p.subject(), now).ifPresent(events::add);
        }
        return events;
    }

    @FunctionalInterface
    private interface Work {
        Appended in(Connection c) throws SQLException;
    }

    /** An envelope as it will be stored (redacted), the subject it came on, and its text. */
    private record Prepared(Envelope envelope, String subject, EnvelopeText text) {
    }

    private record Appended(AppendResult result, List<StoredRow> rows, Optional<Checkpoint> checkpoint) {
    }

    private record Head(long seq, String hash) {
    }
}
