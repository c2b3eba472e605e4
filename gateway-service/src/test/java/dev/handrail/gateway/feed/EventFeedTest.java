package dev.handrail.gateway.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.handrail.contracts.json.Json;
import dev.handrail.devkit.Infrastructure;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The live feed and the event pages of the gateway, with the audit store faked at the NATS edge. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EventFeedTest implements TestPropertyProvider {

    private static final String ADMIN = "hr_feed_test_admin";
    private static final Duration WAIT = Duration.ofSeconds(10);

    @Inject
    EmbeddedServer server;

    private FakeAuditStore store;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(Infrastructure.shared().serviceProperties(null));
        properties.put("handrail.gateway.security.bootstrap-token", ADMIN);
        properties.put("handrail.service.heartbeats", "false");
        properties.put("handrail.gateway.feed.page-size", "7");
        properties.put("handrail.gateway.feed.heartbeat", "300ms");
        return properties;
    }

    @BeforeAll
    void startStore() throws Exception {
        store = new FakeAuditStore(Infrastructure.shared().natsUrl());
    }

    @AfterAll
    void stopStore() throws InterruptedException {
        store.close();
    }

    private SseClient stream(String query, String lastEventId) throws IOException, InterruptedException {
        return new SseClient(server.getURI() + "/v1/events/stream" + query, ADMIN, lastEventId);
    }

    private static List<Long> range(long from, long to) {
        return LongStream.rangeClosed(from, to).boxed().toList();
    }

    @Test
    void catchesUpFromTheStoreThenFollowsLiveEventsFillingWhatWasNotAnnounced() throws Exception {
        long before = store.append("01JFEED0000000000000000001").seq();
        for (int i = 0; i < 20; i++) {
            store.append("01JFEED0000000000000000001", "dev.handrail.action.planned.v1", "file.read", false);
        }
        try (SseClient client = stream("?from_seq=" + before, null)) {
            assertThat(client.status).isEqualTo(200);
            assertThat(client.headers.firstValue("Content-Type").orElse("")).startsWith("text/event-stream");
            assertThat(client.headers.firstValue("X-Accel-Buffering")).contains("no");
            await().atMost(WAIT).until(() -> client.ids().size() >= 21);
            for (int i = 0; i < 10; i++) {
                store.append(
                        "01JFEED0000000000000000002", "dev.handrail.action.planned.v1", "file.read", i != 4 && i != 5);
            }
            long last = store.append("01JFEED0000000000000000002").seq();

            await().atMost(WAIT)
                    .untilAsserted(() -> assertThat(client.ids()).containsExactlyElementsOf(range(before, last)));
            JsonNode first = Json.mapper()
                    .readTree(client.blocks.stream()
                            .filter(b -> b.data() != null)
                            .findFirst()
                            .orElseThrow()
                            .data());
            assertThat(first.get("seq").asLong()).isEqualTo(before);
            assertThat(first.get("envelope").get("subject").asText()).isEqualTo("01JFEED0000000000000000001");
        }
    }

    @Test
    void reconnectWithLastEventIdResumesWithNothingMissedOrRepeated() throws Exception {
        long from = store.append("01JFEED0000000000000000003").seq();
        List<Long> seen = new ArrayList<>();
        String lastEventId;
        try (SseClient first = stream("?from_seq=" + from, null)) {
            store.append("01JFEED0000000000000000003");
            await().atMost(WAIT).until(() -> first.ids().size() >= 2);
            seen.addAll(first.ids());
            lastEventId = first.lastEventId();
        }
        for (int i = 0; i < 5; i++) {
            store.append("01JFEED0000000000000000003");
        }
        long last = store.append("01JFEED0000000000000000003").seq();
        try (SseClient second = stream("?from_seq=" + from, lastEventId)) {
            await().atMost(WAIT).until(() -> second.ids().contains(last));
            seen.addAll(second.ids());
        }

        assertThat(seen).startsWith(from).endsWith(last).doesNotHaveDuplicates().isSorted();
        assertThat(seen).containsAll(range(Long.parseLong(lastEventId) + 1, last));
    }

    @Test
    void filtersByActionAndSendsHeartbeatsThatCoverWhatWasSkipped() throws Exception {
        long from = store.append("01JFEED0000000000000000004").seq();
        store.append("01JFEED0000000000000000005");
        long wanted = store.append("01JFEED0000000000000000004", "dev.handrail.action.succeeded.v1", "file.read", true)
                .seq();
        long head = store.append("01JFEED0000000000000000005").seq();
        try (SseClient client = stream(
                "?from_seq=" + from + "&action_id=01JFEED0000000000000000004"
                        + "&type=dev.handrail.action.succeeded.v1",
                null)) {
            await().atMost(WAIT).untilAsserted(() -> assertThat(client.ids()).containsExactly(wanted));
            await().atMost(WAIT)
                    .untilAsserted(() -> assertThat(client.blocks)
                            .anyMatch(b -> "keep-alive".equals(b.comment())
                                    && b.id() != null
                                    && Long.parseLong(b.id()) >= head));
        }
    }

    @Test
    void withoutFromSeqTheStreamStartsAtTheLiveEdge() throws Exception {
        store.append("01JFEED0000000000000000006");
        try (SseClient client = stream("", null)) {
            await().atMost(WAIT).until(() -> client.blocks.stream().anyMatch(b -> "keep-alive".equals(b.comment())));
            long next = store.append("01JFEED0000000000000000006").seq();

            await().atMost(WAIT).untilAsserted(() -> assertThat(client.ids()).containsExactly(next));
        }
    }

    @Test
    void badResumePointsAreRefusedWithTheirCode() throws Exception {
        try (SseClient badHeader = stream("", "yesterday");
                SseClient badSeq = stream("?from_seq=0", null)) {
            assertThat(badHeader.status).isEqualTo(400);
            assertThat(badSeq.status).isEqualTo(400);
        }
    }

    @Test
    void listsPagesOfStoredEventsWithWhereTheNextPageStarts() throws Exception {
        long from = store.append("01JFEED0000000000000000007").seq();
        store.append("01JFEED0000000000000000007");

        JsonNode page = get("/v1/events?from_seq=" + from + "&limit=1&action_id=01JFEED0000000000000000007");

        assertThat(page.get("ok").asBoolean()).isTrue();
        assertThat(page.get("events")).hasSize(1);
        assertThat(page.get("events").get(0).get("seq").asLong()).isEqualTo(from);
        assertThat(page.get("next_from_seq").asLong()).isEqualTo(from + 1);
        assertThat(page.get("head_seq").asLong()).isGreaterThanOrEqualTo(from + 1);
    }

    @Test
    void exportIsOneJsonLinePerKeyCheckpointAndEventThenTheEnd() throws Exception {
        store.append("01JFEED0000000000000000008");
        HttpResponse<String> response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(server.getURI() + "/v1/audit/export?from_seq=2"))
                                .header("Authorization", "Bearer " + ADMIN)
                                .build(),
                        HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/x-ndjson");
        List<JsonNode> lines = new ArrayList<>();
        for (String line : response.body().split("\n")) {
            lines.add(Json.mapper().readTree(line));
        }
        assertThat(lines.getFirst().get("kind").asText()).isEqualTo("export");
        assertThat(lines.getFirst().get("format").asText()).isEqualTo("handrail.audit.export.v1");
        assertThat(lines.get(1).get("kind").asText()).isEqualTo("key");
        assertThat(lines.get(2).get("kind").asText()).isEqualTo("checkpoint");
        List<JsonNode> events = lines.stream()
                .filter(l -> l.get("kind").asText().equals("event"))
                .toList();
        assertThat(events.getFirst().get("seq").asLong()).isEqualTo(2);
        assertThat(events).extracting(e -> e.get("seq").asLong()).isSorted().doesNotHaveDuplicates();
        JsonNode end = lines.getLast();
        assertThat(end.get("kind").asText()).isEqualTo("end");
        assertThat(end.get("events").asLong()).isEqualTo(events.size());
        assertThat(end.get("head_seq").asLong())
                .isEqualTo(events.getLast().get("seq").asLong());
    }

    private JsonNode get(String path) throws IOException, InterruptedException {
        HttpResponse<String> response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(server.getURI() + path))
                                .header("Authorization", "Bearer " + ADMIN)
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        return Json.mapper().readTree(response.body());
    }
}
