package dev.handrail.health.messaging;

import dev.handrail.bus.Bus;
import dev.handrail.contracts.Subjects;
import dev.handrail.contracts.error.ErrorCode;
import dev.handrail.contracts.query.ByIdQuery;
import dev.handrail.contracts.query.ListQuery;
import dev.handrail.contracts.query.Reply;
import dev.handrail.contracts.webhook.WebhookCreate;
import dev.handrail.contracts.webhook.WebhookUpdate;
import dev.handrail.health.webhook.WebhookService;
import dev.handrail.health.webhook.WebhookUrlRefusedException;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.context.event.StartupEvent;
import jakarta.inject.Singleton;
import java.util.Map;

/** Answers the webhook admin requests the gateway forwards from {@code /v1/webhooks} (on every instance). */
@Singleton
public final class WebhookResponder implements ApplicationEventListener<StartupEvent> {

    private static final int DEFAULT_DELIVERIES = 50;

    private final Bus bus;
    private final WebhookService webhooks;

    public WebhookResponder(Bus bus, WebhookService webhooks) {
        this.bus = bus;
        this.webhooks = webhooks;
    }

    @Override
    public void onApplicationEvent(StartupEvent event) {
        bus.respond(Subjects.QUERY_WEBHOOKS, Subjects.QUEUE_HEALTH, ListQuery.class, this::list);
        bus.respond(Subjects.QUERY_WEBHOOK_CREATE, Subjects.QUEUE_HEALTH, WebhookCreate.class, this::create);
        bus.respond(Subjects.QUERY_WEBHOOK_UPDATE, Subjects.QUEUE_HEALTH, WebhookUpdate.class, this::update);
        bus.respond(Subjects.QUERY_WEBHOOK_DELETE, Subjects.QUEUE_HEALTH, ByIdQuery.class, this::delete);
        bus.respond(Subjects.QUERY_WEBHOOK_DELIVERIES, Subjects.QUEUE_HEALTH, ListQuery.class, this::deliveries);
    }

    Reply list(ListQuery query) {
        return Reply.ok(Map.of("webhooks", webhooks.list()));
    }

    Reply create(WebhookCreate request) {
        try {
            WebhookService.Created created = webhooks.create(request);
            return Reply.ok(Map.of("webhook", created.webhook(), "secret", created.secret()));
        } catch (WebhookUrlRefusedException e) {
            return Reply.error(ErrorCode.WEBHOOK_URL_REFUSED, e.getMessage());
        } catch (IllegalArgumentException e) {
            return Reply.error(ErrorCode.VALIDATION_FAILED, e.getMessage());
        }
    }

    Reply update(WebhookUpdate request) {
        return webhooks.setEnabled(request.id(), request.enabled())
                .map(w -> Reply.ok(Map.of("webhook", w)))
                .orElseGet(() -> notFound(request.id()));
    }

    Reply delete(ByIdQuery query) {
        return webhooks.delete(query.id()) ? Reply.ok(Map.of("deleted", query.id())) : notFound(query.id());
    }

    Reply deliveries(ListQuery query) {
        String id = query.filters().get("webhook_id");
        if (id == null || id.isBlank()) {
            return Reply.error(ErrorCode.BAD_QUERY, "A deliveries query needs the webhook's id (webhook_id)");
        }
        int limit = query.limit() <= 0 ? DEFAULT_DELIVERIES : query.limit();
        return webhooks.deliveries(id, limit)
                .map(d -> Reply.ok(Map.of("deliveries", d)))
                .orElseGet(() -> notFound(id));
    }

    private static Reply notFound(String id) {
        return Reply.error(ErrorCode.NOT_FOUND, "No webhook with id " + id);
    }
}
