package dev.handrail.audit.messaging;

import dev.handrail.audit.chain.ChainVerifier;
import dev.handrail.audit.chain.CheckpointRecords;
import dev.handrail.audit.query.EventQueries;
import dev.handrail.bus.Bus;
import dev.handrail.contracts.Subjects;
import dev.handrail.contracts.error.ErrorCode;
import dev.handrail.contracts.query.EventQuery;
import dev.handrail.contracts.query.Reply;
import dev.handrail.contracts.query.SeqQuery;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.context.event.StartupEvent;
import jakarta.inject.Singleton;
import java.util.Map;

/**
 * Answers the queries about the chain itself in the queue group {@link Subjects#QUEUE_AUDIT}:
 * pages of stored events, verification, the signing keys and the checkpoints. Registered at
 * start-up; stateless (the bus runs each request on its own virtual thread).
 */
@Singleton
public class ChainQueryResponders implements ApplicationEventListener<StartupEvent> {

    private final Bus bus;
    private final EventQueries events;
    private final ChainVerifier verifier;
    private final CheckpointRecords checkpoints;

    public ChainQueryResponders(Bus bus, EventQueries events, ChainVerifier verifier, CheckpointRecords checkpoints) {
        this.bus = bus;
        this.events = events;
        this.verifier = verifier;
        this.checkpoints = checkpoints;
    }

    @Override
    public void onApplicationEvent(StartupEvent event) {
        bus.respond(Subjects.QUERY_EVENTS, Subjects.QUEUE_AUDIT, EventQuery.class, this::events);
        bus.respond(
                Subjects.QUERY_AUDIT_VERIFY,
                Subjects.QUEUE_AUDIT,
                SeqQuery.class,
                q -> Reply.ok(verifier.report(q.fromSeq())));
        bus.respond(
                Subjects.QUERY_AUDIT_KEYS,
                Subjects.QUEUE_AUDIT,
                SeqQuery.class,
                q -> Reply.ok(Map.of("keys", checkpoints.keys())));
        bus.respond(
                Subjects.QUERY_AUDIT_CHECKPOINTS,
                Subjects.QUEUE_AUDIT,
                SeqQuery.class,
                q -> Reply.ok(Map.of("checkpoints", checkpoints.checkpoints(q.fromSeq()))));
    }

    Reply events(EventQuery query) {
        if (query.fromSeq() < 0 || query.toSeq() < 0 || query.limit() < 0 || query.limit() > EventQueries.MAX_LIMIT) {
            return Reply.error(
                    ErrorCode.BAD_QUERY,
                    "from_seq and to_seq must not be negative; limit must be 0.." + EventQueries.MAX_LIMIT);
        }
        return Reply.ok(events.page(query));
    }
}
