package dev.handrail.health.webhook;

import java.time.Instant;
import java.util.List;

/** A registered webhook as the API shows it: never with its secret. */
public record Webhook(
        String id,
        String url,
        List<WebhookEventType> events,
        WebhookFormat format,
        boolean enabled,
        String createdBy,
        Instant createdAt) {

    public Webhook {
        events = List.copyOf(events);
    }
}
