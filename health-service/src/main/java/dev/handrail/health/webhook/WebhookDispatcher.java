package dev.handrail.health.webhook;

import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.context.event.StartupEvent;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers due webhook deliveries on every instance: one loop claims what is due (as many as it
 * has free senders) and hands each attempt to its own virtual thread, so a slow or dead receiver
 * holds one sender and nothing else. Woken at once when new deliveries are stored here, otherwise
 * every poll interval. Thread-safe: the loop is one thread; senders only touch their own delivery.
 */
@Singleton
public class WebhookDispatcher implements ApplicationEventListener<StartupEvent> {

    private static final Logger LOG = LoggerFactory.getLogger(WebhookDispatcher.class);

    private final WebhookStore store;
    private final WebhookSender sender;
    private final Clock clock;
    private final WebhookConfig config;
    private final Semaphore senders;
    private final Semaphore wake = new Semaphore(0);
    private final ExecutorService sending = Executors.newVirtualThreadPerTaskExecutor();
    private volatile boolean running = true;
    private Thread loop;

    public WebhookDispatcher(WebhookStore store, WebhookSender sender, Clock clock, WebhookConfig config) {
        this.store = store;
        this.sender = sender;
        this.clock = clock;
        this.config = config;
        this.senders = new Semaphore(config.getMaxConcurrentDeliveries());
    }

    @Override
    public void onApplicationEvent(StartupEvent event) {
        loop = Thread.ofPlatform().daemon().name("webhook-dispatcher").start(this::run);
    }

    /** Looks for due deliveries now rather than at the next poll (new ones were stored). */
    public void wakeUp() {
        wake.release();
    }

    private void run() {
        while (running) {
            try {
                int claimed = dispatchDue();
                if (claimed == 0 && wake.tryAcquire(config.getPollInterval().toMillis(), TimeUnit.MILLISECONDS)) {
                    wake.drainPermits();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                LOG.warn("Looking for due webhook deliveries failed; trying again shortly: {}", e.getMessage());
                pause();
            }
        }
    }

    /** Claims and starts what is due and what there are free senders for; how many it started. */
    private int dispatchDue() throws InterruptedException {
        senders.acquire();
        int free = 1 + senders.drainPermits();
        List<DueDelivery> due;
        try {
            Instant now = clock.instant();
            due = store.claimDue(now, now.plus(config.lease()), free);
        } catch (RuntimeException e) {
            senders.release(free);
            throw e;
        }
        senders.release(free - due.size());
        for (DueDelivery delivery : due) {
            sending.execute(() -> {
                try {
                    attempt(delivery);
                } finally {
                    senders.release();
                }
            });
        }
        return due.size();
    }

    private void attempt(DueDelivery delivery) {
        WebhookDelivery.Attempt attempt = sender.send(delivery);
        boolean delivered = WebhookSender.succeeded(attempt);
        Instant retryAt =
                delivered ? null : retryAt(delivery.attempt(), attempt.at().plusMillis(attempt.durationMs()));
        if (!delivered) {
            LOG.info(
                    "Webhook {} delivery {} (event {}) attempt {} failed: {}{}",
                    delivery.webhookId(),
                    delivery.id(),
                    delivery.eventId(),
                    delivery.attempt(),
                    attempt.error(),
                    retryAt == null ? "; giving up" : "; next at " + retryAt);
        }
        try {
            store.recordAttempt(delivery, attempt, delivered, retryAt);
        } catch (RuntimeException e) {
            // Left as claimed: once its lease lapses another attempt is made, which a receiver
            // tells apart by its unchanged webhook-id.
            LOG.warn(
                    "Cannot record attempt {} of webhook delivery {}: {}",
                    delivery.attempt(),
                    delivery.id(),
                    e.getMessage());
        }
    }

    /** When the attempt after attempt {@code n} is due, or null when the schedule is used up. */
    Instant retryAt(int n, Instant after) {
        List<Duration> schedule = config.getRetrySchedule();
        return n - 1 < schedule.size() ? after.plus(schedule.get(n - 1)) : null;
    }

    private void pause() {
        try {
            Thread.sleep(config.getPollInterval().toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    @PreDestroy
    void stop() throws InterruptedException {
        running = false;
        if (loop != null) {
            loop.interrupt();
            loop.join(5_000);
        }
        sending.shutdown();
        sending.awaitTermination(config.getRequestTimeout().toMillis() + 1_000, TimeUnit.MILLISECONDS);
    }
}
