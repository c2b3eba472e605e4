package dev.handrail.health.breaker;

import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps every breaker move in PostgreSQL and puts each visible one on the feed, outbox-style: the
 * transition is stored first, then published, then marked published; whatever was stored but
 * not marked is published again by {@link #republishPending()} under the same event id, so the
 * feed gets each move once however often it is tried. Thread-safe: the board calls it one move
 * at a time; acknowledgements are handled on virtual threads.
 */
@Singleton
public final class BreakerJournal implements BreakerListener {

    private static final Logger LOG = LoggerFactory.getLogger(BreakerJournal.class);
    /** A stored transition younger than this may still be on its first way to the feed. */
    static final Duration REPUBLISH_AFTER = Duration.ofSeconds(5);

    private static final int REPUBLISH_BATCH = 100;

    private final BreakerStore store;
    private final BreakerEventPublisher publisher;
    private final Clock clock;
    private final ExecutorService blocking = Executors.newVirtualThreadPerTaskExecutor();

    public BreakerJournal(BreakerStore store, BreakerEventPublisher publisher, Clock clock) {
        this.store = store;
        this.publisher = publisher;
        this.clock = clock;
    }

    @Override
    public void created(String name, String node, String intent, Instant at) {
        store.ensure(name, node, intent, at);
    }

    /**
     * Stores the move, then publishes it if it is visible. When PostgreSQL is not there the move
     * is still published (its id is derived all the same); it is then missing from the store.
     */
    @Override
    public void transitioned(BreakerTransition transition) {
        try {
            store.record(transition);
        } catch (RuntimeException e) {
            LOG.error("Breaker transition {} not stored; publishing it anyway", transition.eventId(), e);
        }
        if (transition.visible()) {
            publish(transition);
        }
    }

    /** Publishes again every stored transition whose event did not make it to the feed. */
    public void republishPending() {
        List<BreakerTransition> pending = store.unpublished(clock.instant().minus(REPUBLISH_AFTER), REPUBLISH_BATCH);
        for (BreakerTransition transition : pending) {
            LOG.info("Publishing breaker transition {} again", transition.eventId());
            publish(transition);
        }
    }

    private void publish(BreakerTransition transition) {
        publisher.publish(transition).whenComplete((ack, failure) -> {
            if (failure != null) {
                LOG.warn("Breaker transition {} not published yet: {}", transition.eventId(), failure.getMessage());
                return;
            }
            blocking.execute(() -> {
                try {
                    store.markPublished(transition.eventId(), clock.instant());
                } catch (RuntimeException e) {
                    LOG.warn(
                            "Breaker transition {} published but not marked: {}", transition.eventId(), e.getMessage());
                }
            });
        });
    }

    @PreDestroy
    void stop() {
        blocking.shutdown();
    }
}
