package dev.handrail.health.webhook;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.handrail.contracts.capability.CapabilityCatalogue;
import dev.handrail.contracts.json.Json;
import dev.handrail.contracts.message.ActionApproved;
import dev.handrail.contracts.message.ActionCancelled;
import dev.handrail.contracts.message.ActionDenied;
import dev.handrail.contracts.message.ActionEvent;
import dev.handrail.contracts.message.ApprovalExpired;
import dev.handrail.contracts.message.ApprovalRequested;
import dev.handrail.contracts.message.Envelope;
import dev.handrail.contracts.message.IncidentChanged;
import dev.handrail.contracts.message.KillSwitchChanged;
import dev.handrail.contracts.message.Message;
import jakarta.inject.Singleton;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Renders an event as the body a webhook receives: Handrail's JSON ({@code type},
 * {@code timestamp}, {@code data}, as Standard Webhooks suggests) or Slack incoming-webhook
 * blocks with a link to the console. Stateless and thread-safe.
 */
@Singleton
public class WebhookPayloads {

    private final String consoleUrl;

    public WebhookPayloads(WebhookConfig config) {
        String url = config.getConsoleUrl();
        this.consoleUrl = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    /** The body for one webhook format. */
    public String render(Envelope envelope, Message message, WebhookEventType type, WebhookFormat format) {
        return switch (format) {
            case JSON -> json(envelope, message, type);
            case SLACK -> slack(envelope, message, type);
        };
    }

    private String json(Envelope envelope, Message message, WebhookEventType type) {
        ObjectNode data = Json.mapper().valueToTree(message);
        data.put("event_id", envelope.id());
        data.put("principal", envelope.principal());
        data.put("session", envelope.session());
        if (message instanceof ActionEvent action) {
            data.put("risk_level", risk(action.intent()));
            data.put("console_url", link(message));
        }
        ObjectNode body = Json.mapper().createObjectNode();
        body.put("type", type.wire());
        body.put("timestamp", envelope.time() == null ? null : envelope.time().toString());
        body.set("data", data);
        return Json.mapper().valueToTree(body).toString();
    }

    private String slack(Envelope envelope, Message message, WebhookEventType type) {
        Map<String, String> fields = new LinkedHashMap<>();
        String title = switch (message) {
            case ApprovalRequested r -> {
                fields.put("Asked by", envelope.principal());
                fields.put("What", r.intent());
                fields.put("Risk", risk(r.intent()));
                fields.put(
                        "Reasons",
                        r.decision() == null
                                ? ""
                                : String.join(", ", r.decision().reasons()));
                fields.put(
                        "Expires",
                        r.expiresAt() == null ? "never" : r.expiresAt().toString());
                yield "Approval requested: " + r.intent();
            }
            case ActionApproved a -> {
                fields.put("Approved by", a.approvedBy());
                fields.put("Comment", a.comment());
                yield "Approved: " + a.intent();
            }
            case ActionDenied d -> {
                fields.put("Denied by", d.deniedBy());
                fields.put("Comment", d.comment());
                yield "Denied: " + d.intent();
            }
            case ApprovalExpired e -> {
                fields.put(
                        "Expired at", e.expiredAt() == null ? "" : e.expiredAt().toString());
                yield "Approval expired: " + e.intent();
            }
            case ActionCancelled c -> {
                fields.put("Withdrawn by", c.cancelledBy());
                fields.put("Reason", c.reason());
                yield "Approval withdrawn: " + c.intent();
            }
            case KillSwitchChanged k -> {
                fields.put("By", k.changedBy());
                fields.put("Reason", k.reason());
                yield (k.engaged() ? "Kill switch engaged: " : "Kill switch released: ") + k.scope();
            }
            case IncidentChanged i -> {
                fields.put("Kind", i.kind());
                fields.put("Cause", i.key());
                yield ("closed".equals(i.state()) ? "Incident closed: " : "Incident opened: ") + i.title();
            }
            default -> type.wire();
        };
        if (message instanceof ActionEvent action) {
            fields.put("Action", action.actionId());
        }
        ObjectNode body = Json.mapper().createObjectNode();
        body.put("text", title);
        ArrayNode blocks = body.putArray("blocks");
        ObjectNode header = blocks.addObject().put("type", "header");
        header.putObject("text").put("type", "plain_text").put("text", truncate(title, 150));
        ObjectNode section = blocks.addObject().put("type", "section");
        ArrayNode sectionFields = section.putArray("fields");
        fields.forEach((name, value) -> {
            if (value != null && !value.isBlank()) {
                sectionFields
                        .addObject()
                        .put("type", "mrkdwn")
                        .put("text", "*" + name + "*\n" + truncate(escape(value), 1900));
            }
        });
        if (sectionFields.isEmpty()) {
            blocks.remove(blocks.size() - 1);
        }
        blocks.addObject()
                .put("type", "section")
                .putObject("text")
                .put("type", "mrkdwn")
                .put("text", "<" + link(message) + "|Open in the Handrail console>");
        return body.toString();
    }

    /** Where the console shows what the event is about: the action's inspector, or the health page. */
    String link(Message message) {
        if (message instanceof ActionEvent action) {
            return consoleUrl + "#/inspect/" + URLEncoder.encode(action.actionId(), StandardCharsets.UTF_8);
        }
        if (message instanceof KillSwitchChanged) {
            return consoleUrl + "#/kill-switch";
        }
        return consoleUrl + "#/health";
    }

    private static String risk(String intent) {
        return CapabilityCatalogue.find(intent).map(c -> c.riskLevel().wire()).orElse("unknown");
    }

    /** Slack's mrkdwn control characters, so text from an event cannot make links or mentions. */
    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static String truncate(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }
}
