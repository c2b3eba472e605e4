package dev.handrail.health.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.handrail.bus.Bus;
import dev.handrail.contracts.Subjects;
import dev.handrail.contracts.action.ActionIds;
import dev.handrail.contracts.action.Decision;
import dev.handrail.contracts.json.Json;
import dev.handrail.contracts.message.ActionApproved;
import dev.handrail.contracts.message.ApprovalExpired;
import dev.handrail.contracts.message.ApprovalRequested;
import dev.handrail.contracts.message.Envelope;
import dev.handrail.contracts.message.KillSwitchChanged;
import dev.handrail.contracts.message.Message;
import dev.handrail.contracts.query.ByIdQuery;
import dev.handrail.contracts.query.ListQuery;
import dev.handrail.contracts.query.Reply;
import dev.handrail.contracts.webhook.WebhookCreate;
import dev.handrail.contracts.webhook.WebhookUpdate;
import dev.handrail.devkit.Infrastructure;
import io.micronaut.context.ApplicationContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Webhooks end to end inside the health service: two instances, real NATS, PostgreSQL and HTTP receivers. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WebhookDeliveryIntegrationTest {

    private static final String SOURCE = "/handrail/health-service-test/webhooks";
    private static final Duration WAIT = TestReceiver.patience();

    private final Map<String, Object> properties =
            new HashMap<>(Infrastructure.shared().serviceProperties("health_hooks"));
    private final List<ApplicationContext> instances = new ArrayList<>();
    private Bus bus;

    @BeforeAll
    void start() {
        properties.put("handrail.health.webhooks.allow-private-addresses", "true");
        properties.put("handrail.health.webhooks.retry-schedule", "300ms,300ms,500ms,500ms,1s,1s,1s,1s,1s,1s");
        properties.put("handrail.health.webhooks.poll-interval", "100ms");
        properties.put("handrail.health.webhooks.request-timeout", "2s");
        properties.put("handrail.health.webhooks.console-url", "https://handrail.example/console");
        instances.add(ApplicationContext.run(properties));
        instances.add(ApplicationContext.run(properties));
        bus = instances.getFirst().getBean(Bus.class);
    }

    @AfterAll
    void stop() {
        instances.forEach(ApplicationContext::close);
    }

    @Test
    void aDeliveryCarriesAStandardWebhooksSignatureTheReceiverCanVerify() throws Exception {
        try (TestReceiver receiver = TestReceiver.start()) {
            JsonNode created = create(receiver.url(), List.of("approval.requested"), null);
            String secret = created.path("secret").asText();
            assertThat(secret).startsWith("whsec_");

            Envelope requested = publish(requested("shell.run"));

            await().atMost(WAIT).until(() -> !receiver.received().isEmpty());
            TestReceiver.Received got = receiver.received().getFirst();
            assertThat(got.id()).isEqualTo(requested.id());
            assertThat(verify(secret, got)).as("signature verifies").isTrue();
            assertThat(verify(WebhookSignature.newSecret(), got))
                    .as("another secret does not")
                    .isFalse();
            JsonNode body = Json.mapper().readTree(got.body());
            assertThat(body.path("type").asText()).isEqualTo("approval.requested");
            assertThat(body.path("data").path("intent").asText()).isEqualTo("shell.run");
            assertThat(body.path("data").path("risk_level").asText()).isEqualTo("medium");
            assertThat(body.path("data").path("principal").asText()).isEqualTo("agent-7");
            assertThat(body.path("data").path("console_url").asText())
                    .isEqualTo("https://handrail.example/console#/inspect/" + requested.subject());
            assertThat(list().toString()).as("the secret is shown once").doesNotContain(secret);
        }
    }

    @Test
    void eventsWhileTheReceiverIsDownAreDeliveredOnceItIsBackNoneLostNoneTwice() throws Exception {
        try (TestReceiver receiver = TestReceiver.start()) {
            String id = create(receiver.url(), List.of("approval.requested", "approval.decided"), "json")
                    .path("webhook")
                    .path("id")
                    .asText();
            receiver.goDown();
            List<String> eventIds = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                ApprovalRequested request = requested("file.write");
                eventIds.add(publish(request).id());
                eventIds.add(publish(new ActionApproved(
                                request.actionId(), "file.write", request.decision(), "ops-1", "fine"))
                        .id());
            }
            // Policy allowing outright is not an approval decision: no delivery.
            publish(new ActionApproved(ActionIds.next(), "file.read", decision(Decision.Effect.ALLOW), null, null));
            await().atMost(WAIT)
                    .until(() -> deliveries(id).size() == 40
                            && deliveries(id).stream()
                                    .allMatch(d -> d.path("attempts").size() >= 2));

            receiver.comeBack();

            await().atMost(WAIT)
                    .until(() -> deliveries(id).stream()
                            .allMatch(d -> d.path("state").asText().equals("delivered")));
            Map<String, Long> perEvent = receiver.received().stream()
                    .collect(Collectors.groupingBy(TestReceiver.Received::id, Collectors.counting()));
            assertThat(perEvent.keySet()).containsExactlyInAnyOrderElementsOf(eventIds);
            assertThat(perEvent.values()).allMatch(n -> n == 1);
            JsonNode attempts = deliveries(id).getFirst().path("attempts");
            assertThat(attempts.get(0).path("error").asText()).startsWith("Cannot reach the receiver");
            assertThat(attempts.get(attempts.size() - 1).path("status_code").asInt())
                    .isEqualTo(204);
        }
    }

    @Test
    void aSlowReceiverDoesNotHoldUpDeliveriesToOthers() throws Exception {
        try (TestReceiver slow = TestReceiver.slow();
                TestReceiver fast = TestReceiver.start()) {
            create(slow.url(), List.of("kill_switch.changed"), "json");
            create(fast.url(), List.of("kill_switch.changed"), "slack");

            Envelope change = publish(new KillSwitchChanged("global", true, "drill", "ops-1", Instant.now()));

            await().atMost(Duration.ofSeconds(5))
                    .until(() -> fast.received().stream().anyMatch(r -> r.id().equals(change.id())));
            JsonNode slack = Json.mapper()
                    .readTree(fast.received().stream()
                            .filter(r -> r.id().equals(change.id()))
                            .findFirst()
                            .orElseThrow()
                            .body());
            assertThat(slack.path("text").asText()).isEqualTo("Kill switch engaged: global");
            assertThat(slack.path("blocks").toString()).contains("https://handrail.example/console#/kill-switch");
            assertThat(slow.received()).isEmpty();
        }
    }

    @Test
    void aDisabledWebhookGetsNothingNewAndADeletedOneIsGone() throws Exception {
        try (TestReceiver receiver = TestReceiver.start()) {
            String id = create(receiver.url(), List.of("approval.expired"), null)
                    .path("webhook")
                    .path("id")
                    .asText();
            Reply disabled = ask(Subjects.QUERY_WEBHOOK_UPDATE, new WebhookUpdate(id, false, "admin"));
            assertThat(disabled.data().path("webhook").path("enabled").asBoolean())
                    .isFalse();

            create(receiver.url(), List.of("approval.expired"), null);

            Envelope expired = publish(new ApprovalExpired(ActionIds.next(), "mouse.click", Instant.now()));
            await().atMost(WAIT).until(() -> receiver.received().stream().anyMatch(r -> r.id().equals(expired.id())));
            assertThat(deliveries(id)).isEmpty();

            assertThat(ask(Subjects.QUERY_WEBHOOK_DELETE, new ByIdQuery(id)).ok())
                    .isTrue();
            assertThat(ask(Subjects.QUERY_WEBHOOK_DELIVERIES, new ListQuery(Map.of("webhook_id", id), 5))
                            .error()
                            .code())
                    .isEqualTo("NOT_FOUND");
        }
    }

    @Test
    void unknownEventTypesAndFormatsAreRefusedWithStableCodes() {
        Reply unknownType = ask(
                Subjects.QUERY_WEBHOOK_CREATE,
                new WebhookCreate("http://127.0.0.1:9/x", List.of("approval.maybe"), null, "admin"));
        Reply unknownFormat = ask(
                Subjects.QUERY_WEBHOOK_CREATE,
                new WebhookCreate("http://127.0.0.1:9/x", List.of("incident.opened"), "xml", "admin"));
        Reply ftp = ask(
                Subjects.QUERY_WEBHOOK_CREATE,
                new WebhookCreate("ftp://127.0.0.1/x", List.of("incident.opened"), null, "admin"));

        assertThat(unknownType.error().code()).isEqualTo("VALIDATION_FAILED");
        assertThat(unknownFormat.error().code()).isEqualTo("VALIDATION_FAILED");
        assertThat(ftp.error().code()).isEqualTo("WEBHOOK_URL_REFUSED");
    }

    /** What a receiver does: recompute the HMAC over id.timestamp.body and compare in constant time. */
    private static boolean verify(String secret, TestReceiver.Received got) throws Exception {
        byte[] key = Base64.getDecoder().decode(secret.substring("whsec_".length()));
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        byte[] expected =
                mac.doFinal((got.id() + "." + got.timestamp() + "." + got.body()).getBytes(StandardCharsets.UTF_8));
        long age = Math.abs(Instant.now().getEpochSecond() - Long.parseLong(got.timestamp()));
        for (String signature : got.signature().split(" ")) {
            if (signature.startsWith("v1,")
                    && age < 300
                    && MessageDigest.isEqual(expected, Base64.getDecoder().decode(signature.substring(3)))) {
                return true;
            }
        }
        return false;
    }

    private JsonNode create(String url, List<String> events, String format) {
        Reply reply = ask(Subjects.QUERY_WEBHOOK_CREATE, new WebhookCreate(url, events, format, "admin"));
        assertThat(reply.ok()).as(String.valueOf(reply.error())).isTrue();
        return reply.data();
    }

    private JsonNode list() {
        return ask(Subjects.QUERY_WEBHOOKS, new ListQuery(Map.of(), 0)).data();
    }

    private List<JsonNode> deliveries(String webhookId) {
        Reply reply = ask(Subjects.QUERY_WEBHOOK_DELIVERIES, new ListQuery(Map.of("webhook_id", webhookId), 500));
        List<JsonNode> all = new ArrayList<>();
        reply.data().path("deliveries").forEach(all::add);
        return all;
    }

    private static ApprovalRequested requested(String intent) {
        return new ApprovalRequested(
                ActionIds.next(),
                intent,
                decision(Decision.Effect.REQUIRE_APPROVAL),
                "sha256:x",
                Instant.now().plusSeconds(600));
    }

    private static Decision decision(Decision.Effect effect) {
        return new Decision(effect, List.of("medium_risk"), "builtin-1");
    }

    private Envelope publish(Message message) {
        Envelope envelope = Envelope.of(SOURCE, message, "agent-7", "session-1");
        String subject = switch (message) {
            case ApprovalRequested r -> Subjects.actionEvent("pending_approval", r.intent());
            case ActionApproved a -> Subjects.actionEvent("approved", a.intent());
            case ApprovalExpired e -> Subjects.actionEvent("expired", e.intent());
            case KillSwitchChanged k -> k.natsSubject();
            default -> throw new IllegalArgumentException("not used here: " + message);
        };
        bus.publish(subject, envelope).join();
        return envelope;
    }

    private Reply ask(String subject, Object query) {
        return bus.request(subject, query, Duration.ofSeconds(5)).join();
    }
}
