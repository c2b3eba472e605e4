package dev.handrail.audit.store;

import dev.handrail.audit.chain.CanonicalJson;
import dev.handrail.audit.chain.ChainHash;
import dev.handrail.audit.jdbc.EventStoreException;
import dev.handrail.audit.jdbc.PlainDataSource;
import dev.handrail.audit.projection.ActionProjection;
import dev.handrail.audit.projection.ProjectedEvent;
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
 * instances append one at a time), drops events already stored or repeated in the batch, gives
 * the rest the next seqs and hashes, and folds the action events into the projection. Stateless
 * and thread-safe; the advisory lock, not this class, keeps concurrent appends apart.
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

    public EventAppender(DataSource dataSource, ActionProjection projection) {
        this.dataSource = PlainDataSource.of(dataSource);
        this.projection = projection;
    }

    /** Stores the batch; either all of it that is new is committed, or nothing and it throws. */
    public AppendResult append(List<IncomingEvent> batch) {
        List<Prepared> prepared = prepare(batch);
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                AppendResult result = appendIn(c, prepared, batch.size() - prepared.size());
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new EventStoreException("Cannot append " + batch.size() + " events: " + e.getMessage(), e);
        }
    }

    private static List<Prepared> prepare(List<IncomingEvent> batch) {
        List<Prepared> prepared = new ArrayList<>(batch.size());
        for (IncomingEvent event : batch) {
            Optional<EnvelopeText> text = storableText(event.envelope());
            if (text.isPresent()) {
                prepared.add(new Prepared(event, text.get()));
            } else {
                LOG.error("Envelope {} of type {} on {} can never be stored (no id, a NUL character, or not canonical JSON);"
                        + " it is dropped", event.envelope().id(), event.envelope().type(), event.subject());
            }
        }
        return prepared;
    }

    private static Optional<EnvelopeText> storableText(Envelope envelope) {
        if (envelope.id() == null || envelope.id().isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(EnvelopeText.of(envelope)).filter(EnvelopeText::storable);
        } catch (CanonicalJson.NotJsonException e) {
            return Optional.empty();
        }
    }

    private AppendResult appendIn(Connection c, List<Prepared> batch, int unstorable) throws SQLException {
        lock(c);
        Head head = head(c);
        Set<String> seen = existingIds(c, batch);
        List<Prepared> fresh = new ArrayList<>(batch.size());
        for (Prepared p : batch) {
            if (seen.add(p.event().envelope().id())) {
                fresh.add(p);
            }
        }
        Head last = insert(c, head, fresh);
        projection.apply(c, projected(fresh));
        return new AppendResult(fresh.size(), batch.size() - fresh.size(), unstorable, last.seq());
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
        Array ids = c.createArrayOf("text", batch.stream().map(p -> p.event().envelope().id()).toArray());
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

    private static Head insert(Connection c, Head head, List<Prepared> fresh) throws SQLException {
        Head last = head;
        if (fresh.isEmpty()) {
            return last;
        }
        try (PreparedStatement ps = c.prepareStatement(INSERT)) {
            for (Prepared p : fresh) {
                Envelope env = p.event().envelope();
                Head next = new Head(last.seq() + 1, ChainHash.next(last.hash(), p.text().canonical()));
                ps.setLong(1, next.seq());
                ps.setString(2, env.id());
                ps.setString(3, env.type());
                ps.setString(4, env.subject());
                ps.setString(5, p.event().subject());
                ps.setObject(6, env.time() == null ? null : OffsetDateTime.ofInstant(env.time(), ZoneOffset.UTC),
                        Types.TIMESTAMP_WITH_TIMEZONE);
                ps.setString(7, p.text().json());
                ps.setString(8, last.hash());
                ps.setString(9, next.hash());
                ps.addBatch();
                last = next;
            }
            ps.executeBatch();
        }
        return last;
    }

    private static List<ProjectedEvent> projected(List<Prepared> fresh) {
        Instant now = Instant.now();
        List<ProjectedEvent> events = new ArrayList<>();
        for (Prepared p : fresh) {
            ProjectedEvent.from(p.event().envelope(), now).ifPresent(events::add);
        }
        return events;
    }

    private record Prepared(IncomingEvent event, EnvelopeText text) {
    }

    private record Head(long seq, String hash) {
    }
}
