package dev.handrail.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.handrail.contracts.json.Json;
import dev.handrail.devkit.Ports;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Webhooks through the gateway's admin API against the whole system: an approval reaches a
 * receiver signed the Standard Webhooks way, and a receiver that holds every request does not
 * slow the approval down.
 */
class WebhookIT {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private static LocalSystem system;
    private static Api api;
    private static Api agent;
    private static Receiver fast;
    private static Receiver stuck;

    @BeforeAll
    static void startSystem() throws IOException {
        Awaitility.ignoreExceptionsByDefault();
        Path home = Files.createTempDirectory("handrail-webhook-it");
        Path workspace = Files.createDirectories(Settings.defaultWorkspace(home));
        Path repo = Path.of(System.getProperty("handrail.repo", ".."))
                .toAbsolutePath()
                .normalize();
        // The receivers listen on 127.0.0.1, which only an admin setting lets webhooks reach.
        system = LocalSystem.start(
                new Settings(Ports.free(), home, workspace, repo, null, null, false),
                Map.of(
                        "NATS_DEFAULT_CONNECTION_TIMEOUT",
                        "20s",
                        "HANDRAIL_WEBHOOKS_ALLOW_PRIVATE",
                        "true",
                        "HANDRAIL_HEALTH_WEBHOOKS_POLL_INTERVAL",
                        "200ms"));
        api = Api.admin(system);
        agent = api.as("webhook-agent", "agent");
        fast = Receiver.start(false);
        stuck = Receiver.start(true);
        api.awaitNodeImplements("shell.run");
    }

    @AfterAll
    static void stopSystem() {
        if (fast != null) {
            fast.close();
        }
        if (stuck != null) {
            stuck.close();
        }
        if (system != null) {
            system.close();
        }
    }

    @Test
    void anApprovalReachesASignedWebhookAndAStuckReceiverDoesNotSlowTheApprovalDown() throws Exception {
        Api.Answer created = api.post(
                "/v1/webhooks", Map.of("url", fast.url(), "events", List.of("approval.requested", "approval.decided")));
        assertThat(created.status()).as(String.valueOf(created.body())).isEqualTo(200);
        String secret = created.body().path("secret").asText();
        String id = created.body().path("webhook").path("id").asText();
        assertThat(api.post(
                                "/v1/webhooks",
                                Map.of(
                                        "url",
                                        stuck.url(),
                                        "events",
                                        List.of("approval.requested", "approval.decided"),
                                        "format",
                                        "slack"))
                        .status())
                .isEqualTo(200);
        assertThat(api.get("/v1/webhooks").body().toString()).doesNotContain(secret);

        JsonNode planned = agent.plan(Map.of("intent", "shell.run", "params", Map.of("command", "true")))
                .body();
        assertThat(planned.path("state").asText()).as(planned.toString()).isEqualTo("pending_approval");
        String actionId = planned.path("action_id").asText();
        await().atMost(WAIT).until(() -> stuck.taken() >= 1);

        long start = System.nanoTime();
        Api.Answer approved = api.post("/v1/actions/" + actionId + "/approve", Map.of("comment", "ok"));
        long approveMs = (System.nanoTime() - start) / 1_000_000;
        System.out.println("Approve round trip with a stuck webhook receiver: " + approveMs + " ms");
        assertThat(approved.body().path("state").asText())
                .as(approved.body().toString())
                .isEqualTo("succeeded");
        assertThat(approveMs)
                .as("the approval does not wait for webhook receivers")
                .isLessThan(5_000);

        await().atMost(WAIT)
                .until(() -> fast.received.stream()
                                .filter(r -> r.body.contains(actionId))
                                .count()
                        == 2);
        for (Received r : fast.received) {
            assertThat(verify(secret, r)).as("signature of %s", r.id).isTrue();
        }
        JsonNode decided = fast.received.stream()
                .map(r -> read(r.body))
                .filter(b -> b.path("type").asText().equals("approval.decided"))
                .findFirst()
                .orElseThrow();
        assertThat(decided.path("data").path("approved_by").asText())
                .isEqualTo(api.get("/v1/me").body().path("principal").asText());
        assertThat(decided.path("data").path("console_url").asText()).endsWith("/console#/inspect/" + actionId);

        JsonNode deliveries =
                api.get("/v1/webhooks/" + id + "/deliveries").body().path("deliveries");
        assertThat(deliveries).hasSize(2);
        deliveries.forEach(d -> assertThat(d.path("state").asText()).isEqualTo("delivered"));
        assertThat(deliveries.get(0).path("attempts").get(0).path("status_code").asInt())
                .isEqualTo(204);

        assertThat(api.patch("/v1/webhooks/" + id, Map.of("enabled", false))
                        .body()
                        .path("webhook")
                        .path("enabled")
                        .asBoolean())
                .isFalse();
        assertThat(api.delete("/v1/webhooks/" + id).status()).isEqualTo(200);
        assertThat(api.get("/v1/webhooks/" + id + "/deliveries").status()).isEqualTo(404);
    }

    @Test
    void onlyAdminsManageWebhooksAndOnlyHttpUrlsAreTaken() {
        Api.Answer asAgent =
                agent.post("/v1/webhooks", Map.of("url", fast.url(), "events", List.of("incident.opened")));
        Api.Answer ftp =
                api.post("/v1/webhooks", Map.of("url", "ftp://example.com/x", "events", List.of("incident.opened")));
        Api.Answer noEvents = api.post("/v1/webhooks", Map.of("url", fast.url(), "events", List.of()));

        assertThat(asAgent.status()).isEqualTo(403);
        assertThat(ftp.status()).isEqualTo(400);
        assertThat(ftp.body().path("error").path("code").asText()).isEqualTo("WEBHOOK_URL_REFUSED");
        assertThat(noEvents.body().path("error").path("code").asText()).isEqualTo("VALIDATION_FAILED");
    }

    /** A receiver's check: HMAC-SHA256 over id.timestamp.body with the secret's bytes, a recent timestamp. */
    private static boolean verify(String secret, Received r) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring("whsec_".length())), "HmacSHA256"));
        byte[] expected = mac.doFinal((r.id + "." + r.timestamp + "." + r.body).getBytes(StandardCharsets.UTF_8));
        boolean fresh = Math.abs(Instant.now().getEpochSecond() - Long.parseLong(r.timestamp)) < 300;
        for (String signature : r.signature.split(" ")) {
            if (fresh
                    && signature.startsWith("v1,")
                    && MessageDigest.isEqual(expected, Base64.getDecoder().decode(signature.substring(3)))) {
                return true;
            }
        }
        return false;
    }

    private static JsonNode read(String body) {
        try {
            return Json.mapper().readTree(body);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private record Received(String id, String timestamp, String signature, String body) {}

    /** An HTTP receiver on 127.0.0.1 that answers 204, or holds every request until closed. */
    private static final class Receiver implements AutoCloseable {
        private final HttpServer server;
        private final List<Received> received = new CopyOnWriteArrayList<>();
        private final CountDownLatch release = new CountDownLatch(1);
        private final java.util.concurrent.atomic.AtomicInteger taken = new java.util.concurrent.atomic.AtomicInteger();

        private Receiver(boolean hold) throws IOException {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
            server.createContext("/", exchange -> {
                try (InputStream in = exchange.getRequestBody()) {
                    String body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                    taken.incrementAndGet();
                    if (hold) {
                        release.await(60, TimeUnit.SECONDS);
                    }
                    var h = exchange.getRequestHeaders();
                    received.add(new Received(
                            h.getFirst("webhook-id"),
                            h.getFirst("webhook-timestamp"),
                            h.getFirst("webhook-signature"),
                            body));
                    exchange.sendResponseHeaders(204, -1);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    exchange.close();
                }
            });
            server.start();
        }

        static Receiver start(boolean hold) throws IOException {
            return new Receiver(hold);
        }

        String url() {
            return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
        }

        int taken() {
            return taken.get();
        }

        @Override
        public void close() {
            release.countDown();
            server.stop(0);
        }
    }
}
