package dev.handrail.health.webhook;

import dev.handrail.contracts.action.ActionIds;
import dev.handrail.contracts.message.Envelope;
import dev.handrail.contracts.message.Message;
import dev.handrail.contracts.webhook.WebhookCreate;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Webhooks for admins (register, list, enable or disable, delete, read deliveries) and the turn
 * of a feed event into one stored delivery per subscribed webhook. Stateless apart from its
 * store, so thread-safe.
 */
@Singleton
public class WebhookService {

    /** The most deliveries one query returns. */
    public static final int MAX_DELIVERIES = 500;

    private final WebhookStore store;
    private final WebhookUrlGuard guard;
    private final WebhookPayloads payloads;
    private final WebhookDispatcher dispatcher;
    private final Clock clock;

    public WebhookService(
            WebhookStore store,
            WebhookUrlGuard guard,
            WebhookPayloads payloads,
            WebhookDispatcher dispatcher,
            Clock clock) {
        this.store = store;
        this.guard = guard;
        this.payloads = payloads;
        this.dispatcher = dispatcher;
        this.clock = clock;
    }

    /** A new webhook and its secret (shown this once); fails on a refused URL or an unknown type or format. */
    public Created create(WebhookCreate request) {
        guard.check(request.url());
        if (request.events().isEmpty()) {
            throw new IllegalArgumentException(
                    "A webhook needs at least one event type: " + WebhookEventType.wireNames());
        }
        Set<WebhookEventType> events = new LinkedHashSet<>();
        for (String name : request.events()) {
            events.add(WebhookEventType.fromWire(name)
                    .orElseThrow(() -> new IllegalArgumentException(
                            "Unknown event type " + name + "; known: " + WebhookEventType.wireNames())));
        }
        WebhookFormat format = request.format() == null
                ? WebhookFormat.JSON
                : WebhookFormat.fromWire(request.format())
                        .orElseThrow(() -> new IllegalArgumentException("format must be json or slack"));
        Webhook webhook = new Webhook(
                ActionIds.next(),
                request.url(),
                List.copyOf(events),
                format,
                true,
                request.createdBy(),
                clock.instant());
        String secret = WebhookSignature.newSecret();
        store.insert(webhook, secret);
        return new Created(webhook, secret);
    }

    /** Every webhook. */
    public List<Webhook> list() {
        return store.list();
    }

    /** Enables or disables a webhook; empty when there is none. */
    public Optional<Webhook> setEnabled(String id, boolean enabled) {
        Optional<Webhook> changed = store.setEnabled(id, enabled);
        if (enabled && changed.isPresent()) {
            dispatcher.wakeUp();
        }
        return changed;
    }

    /** Deletes a webhook and its deliveries; whether there was one. */
    public boolean delete(String id) {
        return store.delete(id);
    }

    /** A webhook's latest deliveries; empty when there is no such webhook. */
    public Optional<List<WebhookDelivery>> deliveries(String id, int limit) {
        return store.find(id).map(w -> store.deliveries(id, Math.clamp(limit, 1, MAX_DELIVERIES)));
    }

    /**
     * Stores a delivery of the event for every enabled webhook subscribed to its type (none when
     * it is not an event webhooks announce) and wakes the dispatcher. Idempotent per event id.
     */
    public void accept(Envelope envelope, Message message) {
        Optional<WebhookEventType> type = WebhookEventType.of(message);
        if (type.isEmpty()) {
            return;
        }
        List<PendingDelivery> deliveries = new ArrayList<>();
        for (Webhook webhook : store.subscribers(type.get())) {
            deliveries.add(new PendingDelivery(
                    webhook.id(), payloads.render(envelope, message, type.get(), webhook.format())));
        }
        if (!deliveries.isEmpty()) {
            store.enqueue(envelope.id(), type.get(), deliveries, clock.instant());
            dispatcher.wakeUp();
        }
    }

    /** A webhook just registered and its signing secret. */
    public record Created(Webhook webhook, String secret) {}
}
