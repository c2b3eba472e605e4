package dev.handrail.health.webhook;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The body a webhook receives: Handrail's JSON, or Slack incoming-webhook blocks. */
public enum WebhookFormat {
    JSON,
    SLACK;

    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The format named {@code wire}, or empty. */
    public static Optional<WebhookFormat> fromWire(String wire) {
        return Arrays.stream(values()).filter(f -> f.wire().equals(wire)).findFirst();
    }
}
