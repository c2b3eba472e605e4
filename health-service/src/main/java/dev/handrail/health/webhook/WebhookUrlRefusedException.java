package dev.handrail.health.webhook;

/** A webhook URL that may not be used (scheme, host, or an internal address); the message says why. */
public class WebhookUrlRefusedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public WebhookUrlRefusedException(String message) {
        super(message);
    }
}
