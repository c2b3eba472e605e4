package dev.handrail.health.webhook;

import java.time.Instant;
import java.util.List;

/** One event's delivery to one webhook, with every attempt made so far (newest deliveries first in lists). */
public record WebhookDelivery(
        long id,
        String eventId,
        WebhookEventType eventType,
        String state,
        int attemptCount,
        Instant nextAttemptAt,
        Instant createdAt,
        Instant finishedAt,
        List<Attempt> attempts) {

    public WebhookDelivery {
        attempts = List.copyOf(attempts);
    }

    /** One attempt: the receiver's HTTP status, or the error when there was no answer. */
    public record Attempt(int attempt, Instant at, Integer statusCode, String error, long durationMs) {}
}
