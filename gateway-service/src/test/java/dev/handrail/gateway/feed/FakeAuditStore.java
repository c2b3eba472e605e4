package dev.handrail.gateway.feed;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.handrail.contracts.Subjects;
import dev.handrail.contracts.json.Json;
import dev.handrail.contracts.message.Envelope;
import dev.handrail.contracts.query.EventPage;
import dev.handrail.contracts.query.EventQuery;
import dev.handrail.contracts.query.Reply;
import dev.handrail.contracts.query.SeqQuery;
import dev.handrail.contracts.query.StoredEvent;
import io.nats.client.Connection;
import io.nats.client.Dispatcher;
import io.nats.client.Message;
import io.nats.client.Nats;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;

/**
 * The audit store at the NATS edge: answers the event, key and checkpoint queries from a list
 * and announces stored events the way the audit service does, on a real NATS.
 */
final class FakeAuditStore implements AutoCloseable {

    private final Connection connection;
    private final List<StoredEvent> events = new ArrayList<>();

    FakeAuditStore(String natsUrl) throws IOException, InterruptedException, TimeoutException {
        connection = Nats.connect(natsUrl);
        Dispatcher dispatcher = connection.createDispatcher();
        dispatcher.subscribe(
                Subjects.QUERY_EVENTS, "audit", m -> reply(m, page(Json.read(m.getData(), EventQuery.class))));
        dispatcher.subscribe(
                Subjects.QUERY_AUDIT_KEYS,
                "audit",
                m -> reply(
                        m,
                        Reply.ok(Map.of(
                                "keys",
                                List.of(Map.of(
                                        "key_id", "k1", "algorithm", "Ed25519", "public_key", "MCowBQYDK2VwAyEA"))))));
        dispatcher.subscribe(Subjects.QUERY_AUDIT_CHECKPOINTS, "audit", m -> {
            long from = Json.read(m.getData(), SeqQuery.class).fromSeq();
            reply(
                    m,
                    Reply.ok(Map.of(
                            "checkpoints",
                            from <= 2
                                    ? List.of(Map.of(
                                            "seq",
                                            2,
                                            "hash",
                                            "h2",
                                            "key_id",
                                            "k1",
                                            "signature",
                                            "c2ln",
                                            "signed_at",
                                            "2026-11-21T10:00:00Z"))
                                    : List.of())));
        });
        connection.flush(Duration.ofSeconds(2));
    }

    /** Stores the next event of {@code action}; announces it unless {@code announce} is false. */
    synchronized StoredEvent append(String action, String type, String intent, boolean announce) {
        long seq = events.size() + 1;
        Envelope envelope = new Envelope(
                "1.0",
                action + "." + seq,
                "/handrail/test/1",
                type,
                action,
                Instant.now(),
                Envelope.JSON,
                action,
                null,
                "agent-7",
                "s-1",
                JsonNodeFactory.instance.objectNode().put("action_id", action).put("intent", intent));
        StoredEvent event =
                new StoredEvent(seq, "p" + seq, "h" + seq, "handrail.v1.events.action.planned.file.read", envelope);
        events.add(event);
        if (announce) {
            connection.publish(Subjects.auditStored(event.natsSubject()), Json.bytes(event));
        }
        return event;
    }

    synchronized StoredEvent append(String action) {
        return append(action, "dev.handrail.action.planned.v1", "file.read", true);
    }

    private synchronized Reply page(EventQuery q) {
        long head = events.size();
        long from = Math.max(1, q.fromSeq());
        long to = q.toSeq() > 0 ? Math.min(q.toSeq(), head) : head;
        if (from > to) {
            return Reply.ok(new EventPage(List.of(), from, head));
        }
        int limit = q.limit() == 0 ? 100 : q.limit();
        List<StoredEvent> page = new ArrayList<>();
        for (long seq = from; seq <= to && page.size() < limit; seq++) {
            StoredEvent e = events.get((int) seq - 1);
            if ((q.actionId() == null || q.actionId().equals(e.envelope().subject()))
                    && (q.type() == null || q.type().equals(e.envelope().type()))
                    && (q.intent() == null
                            || q.intent()
                                    .equals(e.envelope().data().path("intent").asText()))) {
                page.add(e);
            }
        }
        long next = page.size() == limit ? page.getLast().seq() + 1 : to + 1;
        return Reply.ok(new EventPage(page, next, head));
    }

    private void reply(Message request, Reply reply) {
        connection.publish(request.getReplyTo(), Json.bytes(reply));
    }

    @Override
    public void close() throws InterruptedException {
        connection.close();
    }
}
