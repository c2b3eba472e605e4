package dev.handrail.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * The feed as a {@link Flow.Publisher} against a loopback server speaking the wire format of
 * {@code /v1/events/stream}: demand, resume after a drop, cancel and refusals.
 */
class FeedPublisherTest {

    private static final Duration WITHIN = Duration.ofSeconds(10);

    private static String event(long seq) {
        return "id: " + seq + "\ndata: {\"seq\":" + seq + ",\"envelope\":{\"type\":\"dev.handrail.action.planned.v1\","
                + "\"data\":{\"action_id\":\"a" + seq + "\"}}}\n\n";
    }

    /** A subscriber that records what it is signalled and requests only when told to. */
    private static final class Recorder implements Flow.Subscriber<StoredEvent> {

        final BlockingQueue<Long> seqs = new LinkedBlockingQueue<>();
        final AtomicReference<Throwable> error = new AtomicReference<>();
        final CountDownLatch ended = new CountDownLatch(1);
        volatile Flow.Subscription subscription;

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            this.subscription = subscription;
        }

        @Override
        public void onNext(StoredEvent item) {
            seqs.add(item.seq());
        }

        @Override
        public void onError(Throwable throwable) {
            error.set(throwable);
            ended.countDown();
        }

        @Override
        public void onComplete() {
            ended.countDown();
        }

        List<Long> take(int n) throws InterruptedException {
            List<Long> taken = new CopyOnWriteArrayList<>();
            for (int i = 0; i < n; i++) {
                Long seq = seqs.poll(WITHIN.toMillis(), TimeUnit.MILLISECONDS);
                assertThat(seq).as("event %d of %d", i + 1, n).isNotNull();
                taken.add(seq);
            }
            return taken;
        }
    }

    @Test
    void eventsAreHandedOutOnlyAsFastAsTheSubscriberRequests() throws Exception {
        try (Loopback gateway = new Loopback()) {
            gateway.on("/v1/events/stream", exchange -> {
                byte[] body = (event(1) + event(2) + event(3) + event(4)).getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(200, 0);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                    out.flush();
                    new CountDownLatch(1).await(30, TimeUnit.SECONDS);
                } catch (InterruptedException | IOException e) {
                    // The client went away.
                }
            });
            Recorder recorder = new Recorder();
            new HandrailClient(gateway.uri(), "t")
                    .events(EventFeed.Filter.none(), null)
                    .subscribe(recorder);

            recorder.subscription.request(2);
            assertThat(recorder.take(2)).containsExactly(1L, 2L);
            // Three events wait on the wire; none may arrive unrequested.
            assertThat(recorder.seqs.poll(300, TimeUnit.MILLISECONDS)).isNull();

            recorder.subscription.request(2);
            assertThat(recorder.take(2)).containsExactly(3L, 4L);
            recorder.subscription.cancel();
        }
    }

    @Test
    void aDroppedConnectionIsResumedWithTheLastEventIdAndNotReported() throws Exception {
        List<String> lastEventIds = new CopyOnWriteArrayList<>();
        AtomicInteger call = new AtomicInteger();
        try (Loopback gateway = new Loopback()) {
            gateway.on("/v1/events/stream", exchange -> {
                lastEventIds.add(String.valueOf(exchange.getRequestHeaders().getFirst("Last-Event-ID")));
                String body = call.getAndIncrement() == 0 ? "retry: 20\n\n" + event(1) + event(2) : event(2) + event(3);
                byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(200, bytes.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(bytes);
                }
            });
            Recorder recorder = new Recorder();
            new HandrailClient(gateway.uri(), "t").events(null, 1L).subscribe(recorder);
            recorder.subscription.request(Long.MAX_VALUE);

            assertThat(recorder.take(3)).containsExactly(1L, 2L, 3L);
            assertThat(recorder.error.get()).isNull();
            assertThat(lastEventIds).startsWith("null", "2");
            recorder.subscription.cancel();
        }
    }

    @Test
    void cancellingClosesTheConnection() throws Exception {
        CountDownLatch serverSawClose = new CountDownLatch(1);
        try (Loopback gateway = new Loopback()) {
            gateway.on("/v1/events/stream", exchange -> {
                exchange.sendResponseHeaders(200, 0);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(event(1).getBytes(StandardCharsets.UTF_8));
                    out.flush();
                    for (int beat = 0; beat < 500; beat++) {
                        out.write(": keep-alive\n\n".getBytes(StandardCharsets.UTF_8));
                        out.flush();
                        Thread.sleep(20);
                    }
                } catch (IOException e) {
                    serverSawClose.countDown();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            Recorder recorder = new Recorder();
            new HandrailClient(gateway.uri(), "t").events(null, null).subscribe(recorder);
            recorder.subscription.request(5);
            assertThat(recorder.take(1)).containsExactly(1L);

            recorder.subscription.cancel();

            assertThat(serverSawClose.await(WITHIN.toSeconds(), TimeUnit.SECONDS))
                    .as("the server's writes fail once the client closed the connection")
                    .isTrue();
            assertThat(recorder.error.get()).isNull();
        }
    }

    @Test
    void aRefusedTokenEndsTheSubscriptionWithTheApiError() throws Exception {
        try (Loopback gateway = new Loopback()) {
            gateway.on(
                    "/v1/events/stream",
                    exchange -> Loopback.json(
                            exchange,
                            401,
                            "{\"ok\":false,\"error\":{\"code\":\"UNAUTHENTICATED\",\"message\":\"Unknown token\"}}"));
            Recorder recorder = new Recorder();
            new HandrailClient(gateway.uri(), "bad").events(null, null).subscribe(recorder);
            recorder.subscription.request(1);

            assertThat(recorder.ended.await(WITHIN.toSeconds(), TimeUnit.SECONDS))
                    .isTrue();
            assertThat(recorder.error.get()).isInstanceOfSatisfying(HandrailException.ApiError.class, e -> {
                assertThat(e.status()).isEqualTo(401);
                assertThat(e.code()).isEqualTo("UNAUTHENTICATED");
            });
        }
    }

    @Test
    void aNonPositiveRequestIsSignalledAsAnError() throws Exception {
        try (Loopback gateway = new Loopback()) {
            Recorder recorder = new Recorder();
            new HandrailClient(gateway.uri(), "t").events(null, null).subscribe(recorder);
            recorder.subscription.request(0);
            await().atMost(WITHIN).until(() -> recorder.error.get() != null);
            assertThat(recorder.error.get()).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
