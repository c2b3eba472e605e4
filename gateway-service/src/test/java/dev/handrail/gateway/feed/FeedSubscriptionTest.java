package dev.handrail.gateway.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.handrail.contracts.Subjects;
import dev.handrail.contracts.message.Envelope;
import dev.handrail.contracts.query.EventPage;
import dev.handrail.contracts.query.EventQuery;
import dev.handrail.contracts.query.Reply;
import dev.handrail.contracts.query.StoredEvent;
import dev.handrail.gateway.action.ActionBus;
import io.micronaut.http.sse.Event;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.BaseSubscriber;
import reactor.core.publisher.Flux;
import reactor.core.publisher.FluxSink;
import reactor.core.scheduler.Schedulers;

/**
 * The feed's state machine against a store answered in memory at the gateway's bus port: a client
 * that asks for nothing while events pour in, a store that fails once, announcements repeated.
 */
class FeedSubscriptionTest {

    private final List<StoredEvent> stored = new CopyOnWriteArrayList<>();
    private final AtomicInteger failuresToGo = new AtomicInteger();
    private final AtomicInteger queries = new AtomicInteger();

    /** The audit store's answers to event queries, from {@link #stored}. */
    private final ActionBus store = new ActionBus() {
        @Override
        public String source() {
            return "/handrail/test/1";
        }

        @Override
        public CompletableFuture<Void> send(String subject, Envelope command) {
            throw new UnsupportedOperationException(subject);
        }

        @Override
        public CompletableFuture<Reply> ask(String subject, Object query) {
            assertThat(subject).isEqualTo(Subjects.QUERY_EVENTS);
            queries.incrementAndGet();
            if (failuresToGo.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                return CompletableFuture.failedFuture(new IllegalStateException("audit is away"));
            }
            EventQuery q = (EventQuery) query;
            long head = stored.size();
            long from = Math.max(1, q.fromSeq());
            long to = q.toSeq() > 0 ? Math.min(q.toSeq(), head) : head;
            List<StoredEvent> page = new ArrayList<>();
            for (long seq = from; seq <= to && page.size() < q.limit(); seq++) {
                page.add(stored.get((int) seq - 1));
            }
            long next =
                    from > to ? from : page.size() == q.limit() ? page.getLast().seq() + 1 : to + 1;
            return CompletableFuture.completedFuture(Reply.ok(new EventPage(page, next, head)));
        }
    };

    private final List<Long> received = new CopyOnWriteArrayList<>();
    private FeedSubscription subscription;

    /** A client asking for events only when the test says (the opening comment takes one request too). */
    private final class Client extends BaseSubscriber<Event<String>> {
        @Override
        protected void hookOnSubscribe(org.reactivestreams.Subscription s) {}

        @Override
        protected void hookOnNext(Event<String> event) {
            if (!event.getData().isEmpty()) {
                received.add(Long.parseLong(event.getId()));
            }
        }
    }

    private Client open(long from, int liveBuffer) {
        FeedConfig config = new FeedConfig();
        config.setPageSize(4);
        config.setLiveBuffer(liveBuffer);
        config.setRetryDelay(Duration.ofMillis(20));
        Client client = new Client();
        Flux.<Event<String>>create(
                        sink -> {
                            subscription = new FeedSubscription(
                                    from,
                                    FeedFilter.of(null, null, null),
                                    new EventPages(store),
                                    sink,
                                    config,
                                    Schedulers.parallel());
                            sink.onRequest(n -> subscription.drain());
                            subscription.start();
                        },
                        FluxSink.OverflowStrategy.BUFFER)
                .subscribe(client);
        return client;
    }

    private StoredEvent store() {
        long seq = stored.size() + 1;
        Envelope envelope = new Envelope(
                "1.0",
                "e" + seq,
                "/test",
                "dev.handrail.action.planned.v1",
                "a",
                Instant.now(),
                Envelope.JSON,
                "a",
                null,
                "p",
                null,
                JsonNodeFactory.instance.objectNode());
        StoredEvent event = new StoredEvent(seq, "p", "h", "handrail.v1.events.action.planned.file.read", envelope);
        stored.add(event);
        return event;
    }

    private static List<Long> seqs(long from, long to) {
        return LongStream.rangeClosed(from, to).boxed().toList();
    }

    @Test
    void aClientThatFallsBehindCatchesUpFromTheStoreWithoutGapsOrRepeats() {
        Client client = open(1, 3);
        client.request(2);
        subscription.offer(store());
        await().untilAsserted(() -> assertThat(received).containsExactly(1L));
        for (int i = 0; i < 40; i++) {
            subscription.offer(store());
        }
        assertThat(received).containsExactly(1L);

        client.request(Long.MAX_VALUE);

        await().untilAsserted(() -> assertThat(received).containsExactlyElementsOf(seqs(1, 41)));
    }

    @Test
    void repeatedAndLateAnnouncementsAreNotSentTwice() {
        Client client = open(1, 100);
        client.request(Long.MAX_VALUE);
        StoredEvent first = store();
        StoredEvent second = store();
        subscription.offer(second);
        subscription.offer(first);
        subscription.offer(second);
        StoredEvent third = store();
        subscription.offer(third);

        await().untilAsserted(() -> assertThat(received).containsExactly(1L, 2L, 3L));
    }

    @Test
    void aStoreThatDoesNotAnswerIsAskedAgain() {
        for (int i = 0; i < 6; i++) {
            store();
        }
        failuresToGo.set(2);
        Client client = open(2, 100);
        client.request(Long.MAX_VALUE);

        await().untilAsserted(() -> assertThat(received).containsExactlyElementsOf(seqs(2, 6)));
        assertThat(queries.get()).isGreaterThanOrEqualTo(4);
    }
}
