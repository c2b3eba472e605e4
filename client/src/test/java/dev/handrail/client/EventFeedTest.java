package dev.handrail.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The SSE reading of {@link EventFeed} against a real HTTP server on loopback that speaks the
 * wire format of {@code /v1/events/stream} and drops the connection; the end-to-end behaviour
 * against the gateway is CommandLineIT's.
 */
class EventFeedTest {

    private HttpServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    private static String event(long seq) {
        return "id: " + seq + "\ndata: {\"seq\":" + seq + ",\"envelope\":{\"type\":\"dev.handrail.action.planned.v1\","
                + "\"session\":\"s\",\"data\":{\"action_id\":\"a" + seq + "\"}}}\n\n";
    }

    private URI serve(List<String> lastEventIds, String... answers) throws IOException {
        AtomicInteger call = new AtomicInteger();
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/v1/events/stream", exchange -> {
            lastEventIds.add(String.valueOf(exchange.getRequestHeaders().getFirst("Last-Event-ID")));
            int n = Math.min(call.getAndIncrement(), answers.length - 1);
            byte[] body = answers[n].getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    @Test
    void aDroppedConnectionResumesAfterTheLastSeqAndNothingIsHandedOutTwice() throws IOException {
        List<String> lastEventIds = new CopyOnWriteArrayList<>();
        URI base = serve(
                lastEventIds,
                "retry: 50\n\n" + event(1) + event(2),
                // The server repeats seq 2 after the reconnect: the feed must not.
                ": keep-alive\n" + event(2) + event(3) + "id: 7\n: keep-alive\n\n",
                event(8));
        List<EventFeed.ConnectionEvent> changes = new CopyOnWriteArrayList<>();
        try (EventFeed feed = new HandrailClient(base, "t").feed(EventFeed.Filter.none(), null)) {
            feed.onConnection(changes::add);
            List<Long> seqs = List.of(
                    feed.next().seq(),
                    feed.next().seq(),
                    feed.next().seq(),
                    feed.next().seq());
            assertThat(seqs).containsExactly(1L, 2L, 3L, 8L);
            assertThat(feed.lastSeq()).isEqualTo(8);
        }
        assertThat(lastEventIds).startsWith("null", "2", "7");
        assertThat(changes)
                .startsWith(
                        EventFeed.ConnectionEvent.CONNECTED,
                        EventFeed.ConnectionEvent.DISCONNECTED,
                        EventFeed.ConnectionEvent.CONNECTED);
    }

    @Test
    void eventsCarryTheirTypeActionAndSession() throws IOException {
        URI base = serve(new CopyOnWriteArrayList<>(), event(5));
        try (EventFeed feed = new HandrailClient(base, "t").feed(EventFeed.Filter.none(), 5L)) {
            StoredEvent event = feed.next();
            assertThat(event.shortType()).isEqualTo("action.planned");
            assertThat(event.actionId()).isEqualTo("a5");
            assertThat(event.session()).isEqualTo("s");
        }
    }

    @Test
    void aFeedThatWasNeverConnectedReportsTheGatewayUnreachable() throws IOException {
        int port;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        try (EventFeed feed = new HandrailClient(URI.create("http://127.0.0.1:" + port), "t").feed(null, null)) {
            assertThatThrownBy(feed::next).isInstanceOf(HandrailException.Unreachable.class);
        }
    }
}
