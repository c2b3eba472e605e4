package dev.handrail.gateway.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.handrail.contracts.Subjects;
import dev.handrail.contracts.json.Json;
import dev.handrail.contracts.query.EventPage;
import dev.handrail.contracts.query.EventQuery;
import dev.handrail.contracts.query.Reply;
import dev.handrail.contracts.query.SeqQuery;
import dev.handrail.gateway.action.ActionBus;
import dev.handrail.gateway.feed.EventPages;
import dev.handrail.gateway.web.ApiException;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Writes an audit export as JSON lines, page by page as the store answers (no thread waits and the
 * whole export is never held in memory): an {@code export} line, a {@code key} line per signing key,
 * a {@code checkpoint} line per checkpoint from the first seq on, an {@code event} line per stored
 * event in seq order up to the newest seq when the export began, and an {@code end} line with the
 * count, whose absence tells the verifier the download was cut short. Checkpoints are read before
 * events, so none is ahead of the exported chain. Stateless.
 */
@Singleton
public class AuditExport {

    /** The format name of the first line. */
    public static final String FORMAT = "handrail.audit.export.v1";

    private static final int PAGE = 500;

    private final ActionBus bus;
    private final EventPages pages;

    public AuditExport(ActionBus bus, EventPages pages) {
        this.bus = bus;
        this.pages = pages;
    }

    /** The export from {@code fromSeq} on. */
    public Flux<byte[]> lines(long fromSeq) {
        AtomicLong events = new AtomicLong();
        AtomicLong head = new AtomicLong();
        ObjectNode header = Json.mapper()
                .createObjectNode()
                .put("kind", "export")
                .put("format", FORMAT)
                .put("from_seq", fromSeq)
                .put("exported_at", Instant.now().toString());
        Flux<byte[]> keys = ask(Subjects.QUERY_AUDIT_KEYS, new SeqQuery(0))
                .flatMapMany(data -> Flux.fromIterable(data.path("keys")))
                .map(k -> line("key", k));
        Flux<byte[]> checkpoints = ask(Subjects.QUERY_AUDIT_CHECKPOINTS, new SeqQuery(fromSeq))
                .flatMapMany(data -> Flux.fromIterable(data.path("checkpoints")))
                .map(c -> line("checkpoint", c));
        Flux<byte[]> stored = Mono.defer(() -> Mono.fromFuture(pages.page(EventQuery.from(fromSeq, PAGE))))
                .flatMapMany(first -> {
                    head.set(first.headSeq());
                    return Flux.just(first)
                            .expand(page -> page.nextFromSeq() <= first.headSeq()
                                    ? Mono.fromFuture(pages.page(new EventQuery(
                                            page.nextFromSeq(), first.headSeq(), PAGE, null, null, null, null, null)))
                                    : Mono.empty());
                })
                .concatMapIterable(EventPage::events)
                .map(event -> {
                    events.incrementAndGet();
                    return line("event", event);
                });
        Mono<byte[]> end = Mono.fromSupplier(() -> line(Json.mapper()
                .createObjectNode()
                .put("kind", "end")
                .put("from_seq", fromSeq)
                .put("events", events.get())
                .put("head_seq", head.get())));
        return Flux.concat(Flux.just(line(header)), keys, checkpoints, stored, end);
    }

    private Mono<JsonNode> ask(String subject, Object query) {
        return Mono.defer(() -> Mono.fromFuture(bus.ask(subject, query))).map(AuditExport::data);
    }

    private static JsonNode data(Reply reply) {
        if (!reply.ok()) {
            throw ApiException.upstreamFailed(reply.error());
        }
        return reply.data();
    }

    private static byte[] line(String kind, Object value) {
        ObjectNode node = Json.mapper().createObjectNode().put("kind", kind);
        JsonNode tree = value instanceof JsonNode given ? given : Json.mapper().valueToTree(value);
        node.setAll((ObjectNode) tree);
        return line(node);
    }

    private static byte[] line(ObjectNode node) {
        try {
            byte[] json = Json.mapper().writeValueAsBytes(node);
            byte[] withNewline = Arrays.copyOf(json, json.length + 1);
            withNewline[json.length] = '\n';
            return withNewline;
        } catch (JsonProcessingException e) {
            throw new Json.JsonException("Cannot write an export line", e);
        }
    }
}
