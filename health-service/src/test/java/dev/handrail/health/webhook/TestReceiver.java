package dev.handrail.health.webhook;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A webhook receiver on 127.0.0.1 for tests: keeps every request it took, answers 204, and can be
 * stopped and started again on the same port (a receiver that is down for a while) or made to
 * hold each request (a slow receiver). Thread-safe.
 */
public final class TestReceiver implements AutoCloseable {

    /** One request as the receiver got it. */
    public record Received(String id, String timestamp, String signature, String body) {}

    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final CountDownLatch release = new CountDownLatch(1);
    private final boolean slow;
    private final int port;
    private HttpServer server;

    private TestReceiver(int port, boolean slow) throws IOException {
        this.slow = slow;
        this.server = start(port);
        this.port = server.getAddress().getPort();
    }

    /** A receiver that answers at once. */
    public static TestReceiver start() throws IOException {
        return new TestReceiver(0, false);
    }

    /** A receiver that holds every request until {@link #close()}. */
    public static TestReceiver slow() throws IOException {
        return new TestReceiver(0, true);
    }

    private HttpServer start(int on) throws IOException {
        HttpServer http = HttpServer.create(new InetSocketAddress("127.0.0.1", on), 0);
        http.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        http.createContext("/", exchange -> {
            try (InputStream in = exchange.getRequestBody()) {
                String body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                if (slow) {
                    release.await(30, TimeUnit.SECONDS);
                }
                var headers = exchange.getRequestHeaders();
                received.add(new Received(
                        headers.getFirst("webhook-id"),
                        headers.getFirst("webhook-timestamp"),
                        headers.getFirst("webhook-signature"),
                        body));
                exchange.sendResponseHeaders(204, -1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                exchange.close();
            }
        });
        http.start();
        return http;
    }

    /** The URL webhooks should post to. */
    public String url() {
        return "http://127.0.0.1:" + port + "/hook";
    }

    /** Every request taken so far. */
    public List<Received> received() {
        return List.copyOf(received);
    }

    /** Stops listening: connections are refused until {@link #comeBack()}. */
    public void goDown() {
        server.stop(0);
    }

    /** Listens again on the same port. */
    public void comeBack() throws IOException {
        server = start(port);
    }

    @Override
    public void close() {
        release.countDown();
        server.stop(0);
    }

    /** How long to wait for asynchronous outcomes. */
    public static Duration patience() {
        return Duration.ofSeconds(30);
    }
}
