package dev.handrail.contracts.webhook;

/**
 * Request to enable or disable one webhook; a disabled webhook gets no new deliveries and its
 * pending ones wait until it is enabled again.
 *
 * @param changedBy the principal who asked
 */
public record WebhookUpdate(String id, boolean enabled, String changedBy) {}
