package dev.handrail.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.handrail.contracts.json.Json;
import dev.handrail.devkit.Ports;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The audit trail end to end, the five services as their own JVMs: the audit service killed with
 * SIGKILL in the middle of a few thousand actions and restarted loses and repeats nothing; the
 * database refuses the service role's changes; sensitive values are redacted in what audit keeps
 * but not in the client's own answer; the chain verifies over HTTP and, exported, with the
 * command-line verifier; and the live feed resumes after a reconnect with nothing missed or repeated.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AuditIT {

    private static final Duration WAIT = Duration.ofSeconds(180);
    private static final int ACTIONS = 3000;
    /** Audit's bound on events in flight; with a 5 s ack wait, a store that falls behind must signal progress. */
    private static final int MAX_ACK_PENDING = 2048;

    private static LocalSystem system;
    private static Api api;
    private static Path workspace;
    private static Path home;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @BeforeAll
    static void startSystem() throws IOException {
        // Reads are eventually consistent (audit projects the feed): a 404 or a missing field
        // while waiting means "not yet", not failure.
        Awaitility.ignoreExceptionsByDefault();
        home = Files.createTempDirectory("handrail-audit-it");
        workspace = Files.createDirectories(Settings.defaultWorkspace(home));
        Path repo = Path.of(System.getProperty("handrail.repo", ".."))
                .toAbsolutePath()
                .normalize();
        system = LocalSystem.start(
                new Settings(Ports.free(), home, workspace, repo, null, null, false),
                Map.of(
                        "HANDRAIL_GATEWAY_SECURITY_REQUESTS_PER_SECOND", "100000",
                        "HANDRAIL_GATEWAY_SECURITY_BURST", "100000",
                        "HANDRAIL_AUDIT_CONSUMER_ACK_WAIT", "5s",
                        "HANDRAIL_AUDIT_MAX_ACK_PENDING", String.valueOf(MAX_ACK_PENDING),
                        "HANDRAIL_AUDIT_CHECKPOINT_EVERY_EVENTS", "500"));
        api = Api.admin(system);
        api.awaitNodeImplements("file.read");
    }

    @AfterAll
    static void stopSystem() {
        if (system != null) {
            system.close();
        }
    }

    @Test
    @Order(1)
    void killedInTheMiddleOfThousandsOfActionsTheStoreLosesAndRepeatsNothing() throws Exception {
        Files.writeString(workspace.resolve("load.txt"), "load test content");
        String session = "s-kill-" + UUID.randomUUID();
        long started = System.nanoTime();
        List<String> ids = new CopyOnWriteArrayList<>();
        Semaphore inFlight = new Semaphore(32);
        List<CompletableFuture<Void>> sent = new ArrayList<>();
        long killedAt = 0;
        for (int i = 0; i < ACTIONS; i++) {
            if (i == ACTIONS / 3) {
                CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).join();
                system.service("audit-service").kill();
                killedAt = System.nanoTime();
            }
            if (i == 2 * ACTIONS / 3) {
                CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).join();
                system.restart("audit-service");
            }
            inFlight.acquire();
            sent.add(planAsync(session, ids).whenComplete((ok, failure) -> inFlight.release()));
        }
        CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).join();
        long planned = System.nanoTime();
        assertThat(ids).hasSize(ACTIONS).doesNotHaveDuplicates();

        await().atMost(WAIT).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            JsonNode succeeded = api.get("/v1/actions?session_id=" + session + "&state=succeeded&limit=1")
                    .body();
            assertThat(succeeded.get("total").asLong())
                    .as(() -> diagnosis(session))
                    .isEqualTo(ACTIONS);
        });
        long caughtUp = System.nanoTime();

        Scan scan = scanAllEvents(session);
        assertThat(scan.seqs).as("every seq from 1 to the head, once").isEqualTo(scan.head);
        assertThat(scan.duplicateIds).as("event ids stored twice").isZero();
        assertThat(scan.sessionEvents).as("5 events per action").isEqualTo(5L * ACTIONS);
        assertThat(scan.actionsWithFiveStates).isEqualTo(ACTIONS);
        assertThat(scan.succeeded)
                .as("every action planned has its succeeded event stored")
                .containsExactlyInAnyOrderElementsOf(ids);
        JsonNode verify = await().atMost(WAIT)
                .until(
                        () -> api.get("/v1/audit/verify").body(),
                        body -> body.get("intact").asBoolean()
                                && body.get("head_seq").asLong() >= scan.head);
        assertThat(verify.get("checkpoints_verified").asInt()).isGreaterThanOrEqualTo((int) (scan.head / 1000));
        assertThat(verify.get("complete").asBoolean())
                .as("nothing quarantined: %s", verify)
                .isTrue();
        assertThat(verify.get("quarantined").asLong()).isZero();
        long duplicates = duplicatesDropped();
        assertThat(duplicates)
                .as("redelivered copies: at most what was in flight when audit was killed, and once more"
                        + " should the restarted store stall past its ack wait; not a flood of redeliveries")
                .isLessThanOrEqualTo(2L * MAX_ACK_PENDING);
        System.out.printf(
                "AuditIT: %d actions (wait=false), audit SIGKILLed after %d and restarted after %d;"
                        + " %d events stored, seq 1..%d gap-free, %d duplicates dropped after the restart, chain verified"
                        + " with %d checkpoints; plans sent in %d ms, store caught up %d ms after the last plan (%d ms after the kill)%n",
                ACTIONS,
                ACTIONS / 3,
                2 * ACTIONS / 3,
                scan.head,
                scan.head,
                duplicates,
                verify.get("checkpoints_verified").asInt(),
                ms(planned - started),
                ms(caughtUp - planned),
                ms(caughtUp - killedAt));
    }

    @Test
    @Order(2)
    void theServiceRoleCannotUpdateDeleteOrTruncateStoredEvents() throws SQLException {
        String url = system.infrastructure()
                .jdbcUrl()
                .replaceAll("([?&])user=[^&]*&?", "$1")
                .replaceAll("[?&]$", "");
        try (Connection c = DriverManager.getConnection(url, "handrail_audit", "handrail-audit-dev");
                Statement s = c.createStatement()) {
            s.execute("SET search_path = audit");
            assertThat(s.executeQuery("SELECT count(*) FROM events").next()).isTrue();
            for (String sql : List.of(
                    "UPDATE events SET type = 'x' WHERE seq = 1",
                    "DELETE FROM events WHERE seq = 1",
                    "TRUNCATE events",
                    "DELETE FROM checkpoints")) {
                assertThatThrownBy(() -> s.execute(sql))
                        .as(sql)
                        .isInstanceOf(SQLException.class)
                        .hasMessageContaining("permission denied");
            }
        }
    }

    @Test
    @Order(3)
    void fileContentReachesTheClientButTheTrailKeepsOnlyItsDigest() throws IOException {
        Files.writeString(workspace.resolve("secret.txt"), "the launch code is 0000");

        Api.Answer answer = api.plan(Map.of("intent", "file.read", "params", Map.of("path", "secret.txt")));

        assertThat(answer.body().get("execution").get("output").get("content").asText())
                .isEqualTo("the launch code is 0000");
        String id = answer.body().get("action_id").asText();
        await().atMost(WAIT).untilAsserted(() -> {
            JsonNode stored = api.get("/v1/actions/" + id).body().get("action");
            assertThat(stored.get("state").asText()).isEqualTo("succeeded");
            assertThat(stored.get("execution")
                            .get("output")
                            .get("content")
                            .get("redacted")
                            .asBoolean())
                    .isTrue();
            assertThat(stored.get("execution")
                            .get("output")
                            .get("content")
                            .get("length")
                            .asInt())
                    .isEqualTo(23);
        });
        assertThat(api.get("/v1/audit-trails/" + id).body().toString()).doesNotContain("launch code");
        String later = Instant.now().plusSeconds(1).toString();
        assertThat(api.get("/v1/actions?intent=file.read&from=" + later)
                        .body()
                        .get("total")
                        .asLong())
                .isZero();
        assertThat(api.get("/v1/actions?intent=file.read&to=" + later + "&limit=1")
                        .body()
                        .get("total")
                        .asLong())
                .isPositive();
        assertThat(api.get("/v1/actions?from=yesterday").status()).isEqualTo(400);
        assertThat(api.get("/v1/events?action_id=" + id).body().toString()).doesNotContain("launch code");
        assertThat(Files.readString(system.service("audit-service").log())).doesNotContain("launch code");
    }

    @Test
    @Order(4)
    void exportVerifiesOfflineWithTheCommandLineVerifierAndTheExportedKey() throws Exception {
        Path key = home.resolve("audit-key.json");
        Files.writeString(key, api.get("/v1/audit/public-key").body().toString());
        Path export = home.resolve("export.jsonl");
        HttpResponse<Path> response =
                http.send(authorised("/v1/audit/export").build(), HttpResponse.BodyHandlers.ofFile(export));
        assertThat(response.statusCode()).isEqualTo(200);

        AuditJar.Run verify = AuditJar.run(
                system, "dev.handrail.audit.cli.VerifyCommand", "--public-key", key.toString(), export.toString());

        assertThat(verify.exit()).as(verify.output()).isZero();
        assertThat(verify.output()).startsWith("OK: ");

        List<String> lines = new ArrayList<>(Files.readAllLines(export));
        int victim = lines.size() / 2;
        while (!lines.get(victim).contains("\"file.read\"")) {
            victim++;
        }
        lines.set(victim, lines.get(victim).replace("\"file.read\"", "\"file.reap\""));
        Path tampered = Files.write(home.resolve("tampered.jsonl"), lines);
        AuditJar.Run broken = AuditJar.run(system, "dev.handrail.audit.cli.VerifyCommand", tampered.toString());
        assertThat(broken.exit()).as(broken.output()).isEqualTo(1);
        assertThat(broken.output())
                .contains("BROKEN at seq "
                        + Json.mapper().readTree(lines.get(victim)).get("seq").asLong());
    }

    @Test
    @Order(5)
    void liveFeedResumesAfterAReconnectWithNothingMissedOrRepeated() throws Exception {
        Files.writeString(workspace.resolve("feed.txt"), "feed");
        long from = api.get("/v1/events?limit=1").body().get("head_seq").asLong() + 1;
        List<Long> seen = new ArrayList<>();
        String resumeAfter;
        try (Sse first = new Sse("/v1/events/stream?from_seq=" + from, null)) {
            planAndWait("feed.txt");
            await().atMost(WAIT).until(() -> first.ids.size() >= 5);
            seen.addAll(first.ids);
            resumeAfter = String.valueOf(seen.getLast());
        }
        planAndWait("feed.txt");
        planAndWait("feed.txt");
        long head = await().atMost(WAIT)
                .until(
                        () -> api.get("/v1/events?limit=1")
                                .body()
                                .get("head_seq")
                                .asLong(),
                        h -> h >= from + 14);
        try (Sse second = new Sse("/v1/events/stream?from_seq=" + from, resumeAfter)) {
            await().atMost(WAIT).until(() -> second.ids.contains(head));
            seen.addAll(second.ids);
        }

        List<Long> expected = new ArrayList<>();
        for (long seq = from; seq <= seen.getLast(); seq++) {
            expected.add(seq);
        }
        assertThat(seen).containsExactlyElementsOf(expected);
    }

    private void planAndWait(String file) {
        Api.Answer answer = api.plan(Map.of("intent", "file.read", "params", Map.of("path", file)));
        assertThat(answer.body().get("state").asText()).isEqualTo("succeeded");
    }

    private CompletableFuture<Void> planAsync(String session, List<String> ids) {
        String body = new String(
                Json.bytes(Map.of(
                        "intent",
                        "file.read",
                        "params",
                        Map.of("path", "load.txt"),
                        "session_id",
                        session,
                        "wait",
                        false)),
                StandardCharsets.UTF_8);
        HttpRequest request = authorised("/v1/actions/plan")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).thenAccept(response -> {
            assertThat(response.statusCode()).as(response.body()).isIn(200, 202);
            ids.add(read(response.body()).get("action_id").asText());
        });
    }

    private static JsonNode read(String json) {
        try {
            return Json.mapper().readTree(json);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** What paging through every stored event found. */
    private record Scan(
            long head,
            long seqs,
            long duplicateIds,
            long sessionEvents,
            long actionsWithFiveStates,
            Set<String> succeeded) {}

    private Scan scanAllEvents(String session) {
        Map<String, Set<String>> statesByAction = new HashMap<>();
        long[] sessionEvents = {0};
        StoredEvents stored = StoredEvents.scan(api, envelope -> {
            if (session.equals(envelope.path("session").asText())) {
                sessionEvents[0]++;
                statesByAction
                        .computeIfAbsent(envelope.get("subject").asText(), k -> new HashSet<>())
                        .add(envelope.get("type").asText());
            }
        });
        long complete = statesByAction.values().stream()
                .filter(states -> states.size() == 5)
                .count();
        Set<String> succeeded = new HashSet<>();
        statesByAction.forEach((action, types) -> {
            if (types.stream().anyMatch(type -> type.endsWith(".succeeded.v1"))) {
                succeeded.add(action);
            }
        });
        return new Scan(
                stored.head(), stored.seqsInOrder(), stored.duplicateIds(), sessionEvents[0], complete, succeeded);
    }

    /**
     * Where the actions that have not succeeded are: how many the audit projection holds in each
     * state, what JetStream holds of each action event, and the audit consumer's own account.
     */
    private String diagnosis(String session) {
        StringBuilder out = new StringBuilder("audit projection by state:");
        for (String state : List.of("planned", "validated", "executing", "succeeded", "failed", "dead_lettered")) {
            out.append(' ')
                    .append(state)
                    .append('=')
                    .append(api.get("/v1/actions?session_id=" + session + "&state=" + state + "&limit=1")
                            .body()
                            .path("total"));
        }
        try (io.nats.client.Connection nats =
                io.nats.client.Nats.connect(system.infrastructure().natsUrlFor("admin"))) {
            io.nats.client.JetStreamManagement jsm = nats.jetStreamManagement();
            io.nats.client.api.StreamInfo stream = jsm.getStreamInfo(
                    "HANDRAIL_EVENTS",
                    io.nats.client.api.StreamInfoOptions.filterSubjects("handrail.v1.events.action.>"));
            Map<String, Long> bySubject = new java.util.TreeMap<>();
            stream.getStreamState()
                    .getSubjects()
                    .forEach(subject ->
                            bySubject.merge(subject.getName().split("\\.")[4], subject.getCount(), Long::sum));
            io.nats.client.api.ConsumerInfo consumer = jsm.getConsumerInfo("HANDRAIL_EVENTS", "audit");
            out.append("; JetStream action events by type ")
                    .append(bySubject)
                    .append("; audit consumer: delivered ")
                    .append(consumer.getDelivered().getStreamSequence())
                    .append(", ack floor ")
                    .append(consumer.getAckFloor().getStreamSequence())
                    .append(", ack pending ")
                    .append(consumer.getNumAckPending())
                    .append(", redelivered ")
                    .append(consumer.getRedelivered())
                    .append(", pending ")
                    .append(consumer.getNumPending())
                    .append(", max deliver ")
                    .append(consumer.getConsumerConfiguration().getMaxDeliver());
        } catch (Exception e) {
            out.append("; JetStream not readable: ").append(e);
        }
        return out.toString();
    }

    private long duplicatesDropped() throws IOException, InterruptedException {
        String metrics = http.send(
                        HttpRequest.newBuilder(URI.create(
                                        system.service("audit-service").managementUrl() + "/prometheus"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
        return metrics.lines()
                .filter(l -> l.startsWith("handrail_audit_duplicates_total"))
                .mapToLong(l -> (long) Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
                .sum();
    }

    private HttpRequest.Builder authorised(String path) {
        return HttpRequest.newBuilder(URI.create(system.gatewayUrl() + path))
                .header("Authorization", "Bearer " + system.adminToken());
    }

    private static long ms(long nanos) {
        return TimeUnit.NANOSECONDS.toMillis(nanos);
    }

    /** A live-feed client reading the SSE stream on a virtual thread, as a browser's EventSource would. */
    private final class Sse implements AutoCloseable {
        final List<Long> ids = new CopyOnWriteArrayList<>();
        private final InputStream body;
        private final AtomicInteger heartbeats = new AtomicInteger();

        Sse(String path, String lastEventId) throws IOException, InterruptedException {
            HttpRequest.Builder request = authorised(path).header("Accept", "text/event-stream");
            if (lastEventId != null) {
                request.header("Last-Event-ID", lastEventId);
            }
            HttpResponse<InputStream> response = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
            assertThat(response.statusCode()).isEqualTo(200);
            body = response.body();
            Thread.ofVirtual().start(this::read);
        }

        private void read() {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
                String id = null;
                boolean data = false;
                String line;
                while ((line = in.readLine()) != null) {
                    if (line.isEmpty()) {
                        if (data && id != null) {
                            ids.add(Long.parseLong(id));
                        }
                        id = null;
                        data = false;
                    } else if (line.startsWith("id:")) {
                        id = line.substring(3).trim();
                    } else if (line.startsWith("data:")) {
                        data = true;
                    } else if (line.startsWith(":")) {
                        heartbeats.incrementAndGet();
                    }
                }
            } catch (IOException closed) {
                // the test closed the stream
            }
        }

        @Override
        public void close() throws IOException {
            body.close();
        }
    }
}
