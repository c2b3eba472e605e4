package dev.handrail.gateway.feed;

import dev.handrail.contracts.query.StoredEvent;
import jakarta.inject.Singleton;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;

/**
 * Hands every event the audit store announces to each open feed stream of this gateway. The tap
 * on NATS calls {@link #publish}; streams register while they are open. Thread-safe.
 */
@Singleton
public class FeedHub {

    private final Set<FeedSubscription> subscriptions = new CopyOnWriteArraySet<>();

    /** Whether any stream is open (so the tap can skip parsing otherwise). */
    public boolean hasSubscribers() {
        return !subscriptions.isEmpty();
    }

    /** An event the store has just committed, to every open stream. */
    public void publish(StoredEvent event) {
        for (FeedSubscription subscription : subscriptions) {
            subscription.offer(event);
        }
    }

    void add(FeedSubscription subscription) {
        subscriptions.add(subscription);
    }

    void remove(FeedSubscription subscription) {
        subscriptions.remove(subscription);
    }
}
