package dev.handrail.health.webhook;

import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Makes one delivery attempt: checks the URL again (names may resolve elsewhere now), signs the
 * body the Standard Webhooks way and POSTs it, never following a redirect. Blocking; called on a
 * virtual thread. Thread-safe: the HTTP client is shared and immutable.
 */
@Singleton
public class WebhookSender {

    private static final String USER_AGENT = "Handrail-Webhooks/1";

    private final WebhookUrlGuard guard;
    private final Clock clock;
    private final Duration timeout;
    private final HttpClient client;

    public WebhookSender(WebhookUrlGuard guard, Clock clock, WebhookConfig config) {
        this.guard = guard;
        this.clock = clock;
        this.timeout = config.getRequestTimeout();
        this.client = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(timeout)
                .version(HttpClient.Version.HTTP_1_1)
                .build();
    }

    /** Sends the delivery once; the attempt as it went (a 2xx status is success, anything else is not). */
    public WebhookDelivery.Attempt send(DueDelivery delivery) {
        Instant start = clock.instant();
        long began = System.nanoTime();
        Integer status = null;
        String error = null;
        try {
            URI uri = guard.check(delivery.url());
            long timestamp = start.getEpochSecond();
            HttpRequest request = HttpRequest.newBuilder(uri)
                    .timeout(timeout)
                    .header("content-type", "application/json")
                    .header("user-agent", USER_AGENT)
                    .header("webhook-id", delivery.eventId())
                    .header("webhook-timestamp", Long.toString(timestamp))
                    .header(
                            "webhook-signature",
                            WebhookSignature.sign(delivery.secret(), delivery.eventId(), timestamp, delivery.body()))
                    .POST(HttpRequest.BodyPublishers.ofString(delivery.body()))
                    .build();
            HttpResponse<Void> response = client.send(request, HttpResponse.BodyHandlers.discarding());
            status = response.statusCode();
            if (status >= 300 && status < 400) {
                error = "Redirect to "
                        + response.headers().firstValue("location").orElse("(no location)") + " not followed";
            } else if (status >= 400) {
                error = "The receiver answered " + status;
            }
        } catch (WebhookUrlRefusedException e) {
            error = e.getMessage();
        } catch (HttpTimeoutException e) {
            error = "No answer within " + timeout.toMillis() + " ms";
        } catch (IOException e) {
            error = "Cannot reach the receiver: "
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            error = "Interrupted while sending (the service is stopping)";
        } catch (IllegalArgumentException e) {
            error = "Cannot send to this URL: " + e.getMessage();
        }
        long durationMs = (System.nanoTime() - began) / 1_000_000;
        return new WebhookDelivery.Attempt(delivery.attempt(), start, status, error, durationMs);
    }

    /** Whether an attempt reached the receiver and it took the delivery. */
    public static boolean succeeded(WebhookDelivery.Attempt attempt) {
        return attempt.statusCode() != null && attempt.statusCode() >= 200 && attempt.statusCode() < 300;
    }

    @PreDestroy
    void stop() {
        client.close();
    }
}
