package dev.handrail.client;

import java.util.Objects;
import java.util.concurrent.Flow;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The live feed as a {@link Flow.Publisher}: each subscriber gets its own {@link EventFeed}
 * (connected at its first request, resumed with {@code Last-Event-ID} after a drop, every event
 * once and in seq order), read on a virtual thread of its own that reads only while the subscriber
 * has demand. Cancelling closes the connection. A refusal (a bad token, a role without the feed)
 * or a gateway that cannot be reached for the first connection ends the subscription with
 * {@code onError} and the {@link HandrailException}; dropped connections later on are resumed, not
 * reported.
 */
final class FeedPublisher implements Flow.Publisher<StoredEvent> {

    private final HandrailClient client;
    private final EventFeed.Filter filter;
    private final Long fromSeq;

    FeedPublisher(HandrailClient client, EventFeed.Filter filter, Long fromSeq) {
        this.client = client;
        this.filter = filter;
        this.fromSeq = fromSeq;
    }

    @Override
    public void subscribe(Flow.Subscriber<? super StoredEvent> subscriber) {
        Objects.requireNonNull(subscriber, "subscriber");
        Subscription subscription = new Subscription(subscriber, new EventFeed(client, filter, fromSeq));
        subscriber.onSubscribe(subscription);
        Thread.ofVirtual().name("handrail-feed").start(subscription::run);
    }

    /**
     * One subscriber's demand and feed. Safe across threads: demand and the ending flags are
     * guarded by {@code lock}; only the reading thread signals the subscriber.
     */
    private static final class Subscription implements Flow.Subscription {

        private final Flow.Subscriber<? super StoredEvent> subscriber;
        private final EventFeed feed;
        private final ReentrantLock lock = new ReentrantLock();
        private final Condition demanded = lock.newCondition();
        private long demand;
        private boolean cancelled;
        private IllegalArgumentException badRequest;

        Subscription(Flow.Subscriber<? super StoredEvent> subscriber, EventFeed feed) {
            this.subscriber = subscriber;
            this.feed = feed;
        }

        @Override
        public void request(long n) {
            lock.lock();
            try {
                if (n <= 0) {
                    // Reactive Streams rule 3.9: a non-positive request is an error signalled to the subscriber.
                    badRequest = new IllegalArgumentException("request(" + n + "): demand must be positive");
                } else {
                    demand = demand + n < 0 ? Long.MAX_VALUE : demand + n;
                }
                demanded.signalAll();
            } finally {
                lock.unlock();
            }
        }

        @Override
        public void cancel() {
            lock.lock();
            try {
                cancelled = true;
                demanded.signalAll();
            } finally {
                lock.unlock();
            }
            feed.close();
        }

        void run() {
            try {
                while (awaitDemand()) {
                    StoredEvent event;
                    try {
                        event = feed.next();
                    } catch (HandrailException e) {
                        if (!isCancelled()) {
                            subscriber.onError(e);
                        }
                        return;
                    }
                    if (event == null || isCancelled()) {
                        return;
                    }
                    subscriber.onNext(event);
                }
            } catch (RuntimeException e) {
                // A subscriber that throws breaks rule 2.13; the feed stops rather than signal it again.
                cancel();
            } finally {
                feed.close();
            }
        }

        /** Waits until there is demand (true, and takes one) or the subscription is over (false). */
        private boolean awaitDemand() {
            IllegalArgumentException error;
            lock.lock();
            try {
                while (demand == 0 && !cancelled && badRequest == null) {
                    demanded.awaitUninterruptibly();
                }
                if (cancelled) {
                    return false;
                }
                error = badRequest;
                if (error == null) {
                    if (demand != Long.MAX_VALUE) {
                        demand--;
                    }
                    return true;
                }
                cancelled = true;
            } finally {
                lock.unlock();
            }
            subscriber.onError(error);
            return false;
        }

        private boolean isCancelled() {
            lock.lock();
            try {
                return cancelled;
            } finally {
                lock.unlock();
            }
        }
    }
}
