package dev.handrail.contracts.webhook;

import java.util.List;

/**
 * Request to register a webhook: where to send, which event types ({@code approval.requested},
 * {@code approval.decided}, {@code approval.expired},
 * {@code approval.cancelled}, {@code kill_switch.changed},
 * {@code incident.opened}, {@code incident.closed}) and the body format ({@code json} or
 * {@code slack}, json when null).
 *
 * @param createdBy the principal who asked
 */
public record WebhookCreate(String url, List<String> events, String format, String createdBy) {

    public WebhookCreate {
        events = events == null ? List.of() : List.copyOf(events);
    }
}
