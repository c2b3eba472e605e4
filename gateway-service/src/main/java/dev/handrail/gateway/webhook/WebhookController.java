package dev.handrail.gateway.webhook;

import dev.handrail.contracts.Subjects;
import dev.handrail.contracts.query.ByIdQuery;
import dev.handrail.contracts.query.ListQuery;
import dev.handrail.contracts.webhook.WebhookCreate;
import dev.handrail.contracts.webhook.WebhookUpdate;
import dev.handrail.gateway.action.ActionBus;
import dev.handrail.gateway.policy.JsonBodies;
import dev.handrail.gateway.web.ApiException;
import dev.handrail.gateway.web.Passthrough;
import dev.handrail.gateway.web.Principals;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Patch;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * {@code /v1/webhooks} (admins only): register a webhook (its secret is in this one answer),
 * list, enable or disable, delete, and read a webhook's deliveries with every attempt. Answered by
 * the health service, which stores and delivers them (ADR 0025).
 */
@Controller("/v1/webhooks")
public class WebhookController {

    static final int MAX_LIMIT = 500;

    private final ActionBus bus;

    public WebhookController(ActionBus bus) {
        this.bus = bus;
    }

    /** Body of {@code POST /v1/webhooks}. */
    public record CreateBody(String url, List<String> events, String format) {}

    /** Body of {@code PATCH /v1/webhooks/{id}}. */
    public record UpdateBody(Boolean enabled) {}

    @Post
    @Consumes({MediaType.APPLICATION_JSON, MediaType.TEXT_PLAIN})
    public CompletableFuture<HttpResponse<?>> create(HttpRequest<?> request, @Nullable @Body String body) {
        CreateBody create = JsonBodies.read(body, CreateBody.class, false);
        if (create.url() == null || create.url().isBlank()) {
            throw ApiException.validation("Missing required field: url");
        }
        if (create.events() == null || create.events().isEmpty()) {
            throw ApiException.validation("Missing required field: events (one or more event types)");
        }
        return bus.ask(
                        Subjects.QUERY_WEBHOOK_CREATE,
                        new WebhookCreate(create.url(), create.events(), create.format(), Principals.of(request)))
                .thenApply(Passthrough::respond);
    }

    @Get
    public CompletableFuture<HttpResponse<?>> list() {
        return bus.ask(Subjects.QUERY_WEBHOOKS, new ListQuery(Map.of(), 0)).thenApply(Passthrough::respond);
    }

    @Patch("/{id}")
    @Consumes({MediaType.APPLICATION_JSON, MediaType.TEXT_PLAIN})
    public CompletableFuture<HttpResponse<?>> update(
            HttpRequest<?> request, @PathVariable String id, @Nullable @Body String body) {
        UpdateBody update = JsonBodies.read(body, UpdateBody.class, false);
        if (update.enabled() == null) {
            throw ApiException.validation("Missing required field: enabled (true or false)");
        }
        return bus.ask(Subjects.QUERY_WEBHOOK_UPDATE, new WebhookUpdate(id, update.enabled(), Principals.of(request)))
                .thenApply(Passthrough::respond);
    }

    @Delete("/{id}")
    public CompletableFuture<HttpResponse<?>> delete(@PathVariable String id) {
        return bus.ask(Subjects.QUERY_WEBHOOK_DELETE, new ByIdQuery(id)).thenApply(Passthrough::respond);
    }

    @Get("/{id}/deliveries{?limit}")
    public CompletableFuture<HttpResponse<?>> deliveries(@PathVariable String id, @Nullable @QueryValue Integer limit) {
        if (limit != null && (limit < 1 || limit > MAX_LIMIT)) {
            throw ApiException.validation("limit must be between 1 and " + MAX_LIMIT);
        }
        return bus.ask(
                        Subjects.QUERY_WEBHOOK_DELIVERIES,
                        new ListQuery(Map.of("webhook_id", id), limit == null ? 50 : limit))
                .thenApply(Passthrough::respond);
    }
}
