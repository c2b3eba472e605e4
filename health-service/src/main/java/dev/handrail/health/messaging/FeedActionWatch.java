package dev.handrail.health.messaging;

import dev.handrail.bus.Bus;
import dev.handrail.contracts.Subjects;
import dev.handrail.contracts.action.ActionView;
import dev.handrail.contracts.message.ActionEvent;
import dev.handrail.contracts.message.Envelope;
import dev.handrail.contracts.message.ResultOrigin;
import dev.handrail.health.replay.ActionWatch;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.context.event.StartupEvent;
import io.nats.client.Message;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Follows the actions replays create by tapping the action events on core NATS; only messages
 * whose action header names a followed action are parsed, and a result on another node's subject
 * ({@link ResultOrigin}) is ignored. Thread-safe: followed actions are in
 * a concurrent map and each one's view is guarded by its own watch.
 */
@Singleton
public final class FeedActionWatch implements ActionWatch, ApplicationEventListener<StartupEvent> {

    private final Bus bus;
    private final Map<String, Following> followed = new ConcurrentHashMap<>();

    public FeedActionWatch(Bus bus) {
        this.bus = bus;
    }

    @Override
    public void onApplicationEvent(StartupEvent event) {
        bus.listen(Subjects.ACTION_EVENTS_ALL, this::onMessage);
    }

    @Override
    public Watch watch(String actionId) {
        Following following = new Following(actionId);
        followed.put(actionId, following);
        return following;
    }

    void onMessage(Message message) {
        String actionId =
                message.getHeaders() == null ? null : message.getHeaders().getFirst(Bus.ACTION_HEADER);
        Following following = actionId == null ? null : followed.get(actionId);
        if (following == null) {
            return;
        }
        try {
            Envelope envelope = Envelope.parse(message.getData());
            if (envelope.message() instanceof ActionEvent event && ResultOrigin.matches(message.getSubject(), event)) {
                following.apply(event, envelope.time());
            }
        } catch (RuntimeException e) {
            // not an action event this watch can read; the audit store is asked instead
        }
    }

    /** One followed action: its view so far, and a future completed once it is settled. */
    private final class Following implements Watch {
        private final String actionId;
        private final CompletableFuture<ActionView> settled = new CompletableFuture<>();
        private ActionView view;

        Following(String actionId) {
            this.actionId = actionId;
            this.view = ActionView.empty(actionId);
        }

        synchronized void apply(ActionEvent event, java.time.Instant at) {
            view = view.apply(event, at);
            if (view.isSettled()) {
                settled.complete(view);
            }
        }

        private synchronized Optional<ActionView> seen() {
            return view.state() == null ? Optional.empty() : Optional.of(view);
        }

        @Override
        public Optional<ActionView> await(Duration wait) {
            try {
                return Optional.of(settled.get(Math.max(0, wait.toMillis()), TimeUnit.MILLISECONDS));
            } catch (TimeoutException e) {
                return seen();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return seen();
            } catch (ExecutionException e) {
                return seen();
            }
        }

        @Override
        public void close() {
            followed.remove(actionId, this);
        }
    }
}
