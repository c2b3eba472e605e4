package dev.handrail.health.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.handrail.contracts.action.Decision;
import dev.handrail.contracts.json.Json;
import dev.handrail.contracts.message.ActionApproved;
import dev.handrail.contracts.message.ActionDenied;
import dev.handrail.contracts.message.ApprovalRequested;
import dev.handrail.contracts.message.Envelope;
import dev.handrail.contracts.message.Message;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class WebhookPayloadsTest {

    private static final Decision NEEDS_APPROVAL =
            new Decision(Decision.Effect.REQUIRE_APPROVAL, List.of("medium_risk", "shell_command"), "builtin-1");

    private final WebhookPayloads payloads = payloads();

    @Test
    void aSlackApprovalRequestSaysWhoAskedWhatRiskWhyUntilWhenAndLinksToTheConsole() throws IOException {
        ApprovalRequested requested = new ApprovalRequested(
                "01JACTION", "shell.run", NEEDS_APPROVAL, "sha256:x", Instant.parse("2026-01-01T12:00:00Z"));

        JsonNode slack = render(requested, "agent-<b>", WebhookFormat.SLACK);

        assertThat(slack.path("text").asText()).isEqualTo("Approval requested: shell.run");
        String blocks = slack.path("blocks").toString();
        assertThat(blocks)
                .contains(
                        "*Asked by*\\nagent-&lt;b&gt;",
                        "*Risk*\\nmedium",
                        "*Reasons*\\nmedium_risk, shell_command",
                        "*Expires*\\n2026-01-01T12:00:00Z",
                        "<https://console.example/console#/inspect/01JACTION|Open in the Handrail console>");
    }

    @Test
    void jsonFollowsTheStandardWebhooksShapeWithTheEventAndItsContext() throws IOException {
        ApprovalRequested requested = new ApprovalRequested(
                "01JACTION", "keyboard.type", NEEDS_APPROVAL, "sha256:x", Instant.parse("2026-01-01T12:00:00Z"));

        JsonNode json = render(requested, "agent-1", WebhookFormat.JSON);

        assertThat(json.path("type").asText()).isEqualTo("approval.requested");
        assertThat(json.path("timestamp").asText()).isNotBlank();
        assertThat(json.path("data").path("action_id").asText()).isEqualTo("01JACTION");
        assertThat(json.path("data").path("risk_level").asText()).isEqualTo("high");
        assertThat(json.path("data").path("expires_at").asText()).isEqualTo("2026-01-01T12:00:00Z");
        assertThat(json.path("data").path("decision").path("reasons")).hasSize(2);
    }

    @Test
    void onlyAPersonsDecisionIsAnApprovalDecision() {
        Decision allow = new Decision(Decision.Effect.ALLOW, List.of(), "builtin-1");
        assertThat(WebhookEventType.of(new ActionApproved("a", "file.read", allow, null, null)))
                .isEmpty();
        assertThat(WebhookEventType.of(new ActionDenied("a", "file.read", allow, null, null)))
                .isEmpty();
        assertThat(WebhookEventType.of(new ActionApproved("a", "file.write", allow, "ops", null)))
                .contains(WebhookEventType.APPROVAL_DECIDED);
        assertThat(WebhookEventType.of(new ActionDenied("a", "file.write", allow, "ops", "no")))
                .contains(WebhookEventType.APPROVAL_DECIDED);
    }

    private JsonNode render(Message message, String principal, WebhookFormat format) throws IOException {
        Envelope envelope = Envelope.of("/test", message, principal, "s-1");
        WebhookEventType type = WebhookEventType.of(message).orElseThrow();
        return Json.mapper().readTree(payloads.render(envelope, message, type, format));
    }

    private static WebhookPayloads payloads() {
        WebhookConfig config = new WebhookConfig();
        config.setConsoleUrl("https://console.example/console/");
        return new WebhookPayloads(config);
    }
}
