package dev.handrail.audit.store;

import dev.handrail.audit.chain.CanonicalJson;
import dev.handrail.audit.chain.ChainHash;
import dev.handrail.audit.chain.Checkpoint;
import dev.handrail.audit.checkpoint.Checkpointer;
import dev.handrail.audit.jdbc.EventStoreException;
import dev.handrail.audit.jdbc.PlainDataSource;
import dev.handrail.audit.projection.ActionProjection;
import dev.handrail.audit.projection.ProjectedEvent;
import dev.handrail.audit.quarantine.QuarantineTable;
import dev.handrail.audit.quarantine.QuarantinedEvent;
import dev.handrail.audit.quarantine.Rejected;
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
import java.time.temporal.ChronoUnit;
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
 * instances append one at a time), keeps what can never be stored on the chain in the quarantine,
 * drops events already stored or repeated in the batch, redacts
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

    public EventAppender(
            DataSource dataSource,
            ActionProjection projection,
            Redactor redactor,
            Checkpointer checkpointer,
            AppendListener listener) {
        this.dataSource = PlainDataSource.of(dataSource);
        this.projection = projection;
        this.redactor = redactor;
        this.checkpointer = checkpointer;
        this.listener = listener;
    }

    /**
     * Stores the batch: what is new goes on the chain, what can never be stored there goes to the
     * quarantine, both in one transaction; either all of it is committed or nothing and it throws.
     * When PostgreSQL refuses a value of one event, the batch is stored one event at a time so that
     * the refused one is quarantined and the others are stored; any other failure fails the batch.
     * Throws as well when the quarantine could not be announced (what was committed stays; a retry
     * finds it and announces it again).
     */
    public AppendResult append(List<IncomingEvent> batch) {
        Sorted sorted = sort(batch);
        AppendResult result;
        try {
            result = commit(sorted.prepared(), sorted.rejected());
        } catch (RuntimeException e) {
            if (!RefusedData.is(e)) {
                throw e;
            }
            LOG.warn(
                    "PostgreSQL refused an event of a batch of {}; storing them one at a time: {}",
                    batch.size(),
                    e.getMessage());
            result = oneAtATime(sorted);
        }
        if (!result.quarantined().isEmpty()) {
            listener.quarantined(result.quarantined());
        }
        return result;
    }

    private AppendResult oneAtATime(Sorted sorted) {
        AppendResult result = commit(List.of(), sorted.rejected());
        for (Prepared p : sorted.prepared()) {
            AppendResult one;
            try {
                one = commit(List.of(p), List.of());
            } catch (RuntimeException e) {
                if (!RefusedData.is(e)) {
                    throw e;
                }
                one = commit(
                        List.of(), List.of(rejected(p.incoming(), p.envelope().id(), RefusedData.describe(e))));
            }
            result = result.then(one);
        }
        return result;
    }

    private AppendResult commit(List<Prepared> prepared, List<Rejected> rejected) {
        Appended appended = inTransaction(
                c -> appendIn(c, prepared, rejected),
                "Cannot append " + (prepared.size() + rejected.size()) + " events");
        announce(appended);
        return appended.result();
    }

    /** Signs the chain's head if events other than checkpoints were stored since the last checkpoint (the time rule). */
    public Optional<Checkpoint> checkpointIfDue() {
        Appended appended = inTransaction(
                c -> {
                    lock(c);
                    Head head = head(c);
                    Optional<Checkpoint> checkpoint =
                            checkpointer.ifDue(c, head.seq(), head.hash(), Checkpointer.Trigger.TIMER);
                    return new Appended(new AppendResult(0, 0, List.of(), head.seq()), List.of(), checkpoint);
                },
                "Cannot sign a checkpoint");
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
            LOG.warn(
                    "Announcing {} stored events failed (they are stored; readers catch up from the store): {}",
                    appended.rows().size(),
                    e.toString());
        }
    }

    private Sorted sort(List<IncomingEvent> batch) {
        List<Prepared> prepared = new ArrayList<>(batch.size());
        List<Rejected> rejected = new ArrayList<>();
        for (IncomingEvent event : batch) {
            Envelope envelope = event.envelope();
            String why = event.unreadable() != null
                    ? "not an envelope: " + event.unreadable()
                    : envelope.id() == null || envelope.id().isBlank() ? "the envelope has no id" : null;
            if (why == null) {
                try {
                    Envelope stored = redactor.redact(envelope);
                    prepared.add(new Prepared(event, stored, EnvelopeText.of(stored)));
                    continue;
                } catch (CanonicalJson.NotJsonException e) {
                    why = "it cannot be put in canonical JSON: " + e.getMessage();
                } catch (RuntimeException e) {
                    // Redaction reads the data as its type; whatever one event's data makes fail is that event's own.
                    why = "it cannot be prepared for the chain: " + e;
                }
            }
            rejected.add(rejected(event, envelope == null ? null : envelope.id(), why));
        }
        return new Sorted(prepared, rejected);
    }

    private static Rejected rejected(IncomingEvent event, String eventId, String why) {
        LOG.error(
                "The message at {} #{} on {} (event id {}) cannot be stored in the chain; it is quarantined: {}",
                event.stream(),
                event.streamSequence(),
                event.subject(),
                eventId,
                why);
        return new Rejected(event.payload(), event.stream(), event.streamSequence(), event.subject(), eventId, why);
    }

    private Appended appendIn(Connection c, List<Prepared> batch, List<Rejected> rejected) throws SQLException {
        lock(c);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        List<QuarantinedEvent> quarantined = new ArrayList<>(rejected.size());
        for (Rejected r : rejected) {
            quarantined.add(QuarantineTable.keep(c, r, now));
        }
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
        Head last = rows.isEmpty()
                ? head
                : new Head(rows.getLast().seq(), rows.getLast().hash());
        Optional<Checkpoint> checkpoint = rows.isEmpty()
                ? Optional.empty()
                : checkpointer.ifDue(c, last.seq(), last.hash(), Checkpointer.Trigger.BATCH);
        return new Appended(
                new AppendResult(fresh.size(), batch.size() - fresh.size(), quarantined, last.seq()), rows, checkpoint);
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
        Array ids = c.createArrayOf(
                "text", batch.stream().map(p -> p.envelope().id()).toArray());
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
                Head next = new Head(
                        last.seq() + 1, ChainHash.next(last.hash(), p.text().canonical()));
                ps.setLong(1, next.seq());
                ps.setString(2, env.id());
                ps.setString(3, env.type());
                ps.setString(4, env.subject());
                ps.setString(5, p.incoming().subject());
                ps.setObject(
                        6,
                        env.time() == null ? null : OffsetDateTime.ofInstant(env.time(), ZoneOffset.UTC),
                        Types.TIMESTAMP_WITH_TIMEZONE);
                ps.setString(7, p.text().json());
                ps.setString(8, last.hash());
                ps.setString(9, next.hash());
                ps.addBatch();
                rows.add(new StoredRow(
                        next.seq(),
                        last.hash(),
                        next.hash(),
                        p.incoming().subject(),
                        p.text().json()));
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
            ProjectedEvent.from(p.envelope(), p.incoming().subject(), now).ifPresent(events::add);
        }
        return events;
    }

    @FunctionalInterface
    private interface Work {
        Appended in(Connection c) throws SQLException;
    }

    /** A message as it came, its envelope as it will be stored (redacted), and that envelope's text. */
    private record Prepared(IncomingEvent incoming, Envelope envelope, EnvelopeText text) {}

    /** A batch sorted into what can go on the chain and what must go to the quarantine. */
    private record Sorted(List<Prepared> prepared, List<Rejected> rejected) {}

    private record Appended(AppendResult result, List<StoredRow> rows, Optional<Checkpoint> checkpoint) {}

    private record Head(long seq, String hash) {}
}
