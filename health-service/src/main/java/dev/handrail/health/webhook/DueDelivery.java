package dev.handrail.health.webhook;

/** A delivery an instance has claimed for one attempt: what to send where, and which attempt it is. */
public record DueDelivery(
        long id, String webhookId, String url, String secret, String eventId, String body, int attempt) {}
