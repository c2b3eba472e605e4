package dev.handrail.audit.store;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Groups incoming events into batches and appends each batch in one transaction, on one writer
 * thread: a flush happens when {@code batch-size} events are waiting or {@code batch-delay} has
 * passed since the first of them arrived. Each event's future completes when the batch holding it
 * is committed, or fails with the batch. Thread-safe: any thread may {@link #submit}; the queue
 * hands events to the single writer thread, and a lock orders submits against {@link #close}.
 */
@Singleton
public class BatchWriter implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(BatchWriter.class);
    private static final long IDLE_POLL_MS = 100;

    private final EventAppender appender;
    private final StoreMetrics metrics;
    private final int batchSize;
    private final long delayNanos;
    private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private final Object lifecycle = new Object();
    private final Thread thread;
    private volatile boolean closed;

    public BatchWriter(EventAppender appender, StoreMetrics metrics, WriterConfig config) {
        this.appender = appender;
        this.metrics = metrics;
        this.batchSize = config.getBatchSize();
        this.delayNanos = config.getBatchDelay().toNanos();
        this.thread = Thread.ofPlatform().name("audit-writer").daemon().unstarted(this::run);
    }

    /** Starts the writer thread. */
    @PostConstruct
    public void start() {
        thread.start();
    }

    /** Queues an event; the future completes once it is durably stored (or found to be a duplicate). */
    public CompletableFuture<Void> submit(IncomingEvent event) {
        Pending pending = new Pending(event, new CompletableFuture<>(), System.nanoTime());
        synchronized (lifecycle) {
            if (closed) {
                return CompletableFuture.failedFuture(new WriterClosedException());
            }
            queue.add(pending);
        }
        return pending.done();
    }

    /** Stops taking events, stores what is queued, and waits for the writer thread to finish. */
    @PreDestroy
    @Override
    public void close() {
        synchronized (lifecycle) {
            closed = true;
        }
        try {
            thread.join(TimeUnit.SECONDS.toMillis(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        List<Pending> batch = new ArrayList<>(batchSize);
        try {
            while (!closed || !queue.isEmpty()) {
                collect(batch);
                if (!batch.isEmpty()) {
                    flush(batch);
                    batch.clear();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            synchronized (lifecycle) {
                closed = true;
            }
            batch.addAll(queue);
            queue.clear();
            batch.forEach(p -> p.done().completeExceptionally(new WriterClosedException()));
        }
    }

    private void collect(List<Pending> batch) throws InterruptedException {
        Pending first = queue.poll(IDLE_POLL_MS, TimeUnit.MILLISECONDS);
        if (first == null) {
            return;
        }
        batch.add(first);
        long deadline = first.queuedAt() + delayNanos;
        queue.drainTo(batch, batchSize - batch.size());
        while (batch.size() < batchSize) {
            long wait = deadline - System.nanoTime();
            Pending next = wait > 0 ? queue.poll(wait, TimeUnit.NANOSECONDS) : null;
            if (next == null) {
                return;
            }
            batch.add(next);
            queue.drainTo(batch, batchSize - batch.size());
        }
    }

    private void flush(List<Pending> batch) {
        long start = System.nanoTime();
        AppendResult result;
        try {
            result = appender.append(batch.stream().map(Pending::event).toList());
        } catch (RuntimeException e) {
            metrics.failed();
            LOG.warn(
                    "A batch of {} events could not be stored; they will be redelivered: {}",
                    batch.size(),
                    e.getMessage());
            batch.forEach(p -> p.done().completeExceptionally(e));
            return;
        }
        metrics.flushed(batch.size(), result, System.nanoTime() - start);
        batch.forEach(p -> p.done().complete(null));
    }

    private record Pending(IncomingEvent event, CompletableFuture<Void> done, long queuedAt) {}
}
