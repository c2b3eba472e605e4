package dev.handrail.health.webhook;

/** A delivery to store for an event: the webhook it is for and the body rendered in its format. */
public record PendingDelivery(String webhookId, String body) {}
