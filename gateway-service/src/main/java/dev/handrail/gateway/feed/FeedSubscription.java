package dev.handrail.gateway.feed;

import dev.handrail.contracts.json.Json;
import dev.handrail.contracts.query.EventPage;
import dev.handrail.contracts.query.EventQuery;
import dev.handrail.contracts.query.StoredEvent;
import io.micronaut.http.sse.Event;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import reactor.core.publisher.FluxSink;
import reactor.core.scheduler.Scheduler;

/**
 * One client's live feed: every stored event from a seq on, in seq order, each exactly once. The
 * audit store's seq has no gaps, so the feed always knows the next seq it owes. It catches up from
 * the store page by page, then follows the events the store announces; an announced event beyond
 * the next seq owed means some were missed on the way, and those are read from the store before it
 * goes on. A client too slow to keep up falls back to catching up from the store. Heartbeats
 * (comments carrying the last seq covered as their id, so a reconnect resumes after it) keep proxies
 * from closing an idle stream and re-check the store for anything missed.
 *
 * <p>Thread-safe without blocking: every change of state happens in one drain loop at a time
 * (whoever finds it idle runs it), fed by the store's answers, the announced events (a small locked
 * queue) and the heartbeat timer.
 */
final class FeedSubscription {

    private enum Mode {
        START,
        CATCH_UP,
        LIVE
    }

    private record Fetched(EventPage page, Throwable failure) {}

    private final FeedFilter filter;
    private final EventPages pages;
    private final FluxSink<Event<String>> sink;
    private final FeedConfig config;
    private final Scheduler scheduler;

    private final AtomicInteger wip = new AtomicInteger();
    private final ArrayDeque<StoredEvent> live = new ArrayDeque<>();
    private boolean overflowed;
    private final AtomicReference<Fetched> arrived = new AtomicReference<>();
    private final AtomicBoolean heartbeatDue = new AtomicBoolean();
    private volatile boolean cancelled;
    private volatile boolean waitingToRetry;

    private Mode mode;
    private long next;
    private boolean fetching;
    private boolean probe;

    /**
     * @param fromSeq the first seq the client wants; 0 for "from now on"
     */
    FeedSubscription(
            long fromSeq,
            FeedFilter filter,
            EventPages pages,
            FluxSink<Event<String>> sink,
            FeedConfig config,
            Scheduler scheduler) {
        this.filter = filter;
        this.pages = pages;
        this.sink = sink;
        this.config = config;
        this.scheduler = scheduler;
        this.mode = fromSeq > 0 ? Mode.CATCH_UP : Mode.START;
        this.next = Math.max(0, fromSeq);
    }

    /** Opens the stream: a first comment (with the client's reconnect delay), then the first catch-up. */
    void start() {
        sink.next(Event.of("").comment("handrail event feed").retry(Duration.ofSeconds(2)));
        drain();
    }

    /** An event the store just committed (from the NATS tap's thread: quick, never blocks). */
    void offer(StoredEvent event) {
        synchronized (live) {
            if (overflowed) {
                return;
            }
            if (live.size() >= config.getLiveBuffer()) {
                overflowed = true;
                live.clear();
            } else {
                live.add(event);
            }
        }
        drain();
    }

    /** Asks for a heartbeat at the next turn of the loop (from the timer). */
    void heartbeat() {
        heartbeatDue.set(true);
        drain();
    }

    /** The client went away. */
    void cancel() {
        cancelled = true;
        synchronized (live) {
            live.clear();
        }
    }

    /** Runs the loop unless it is running; then it runs once more. */
    void drain() {
        if (wip.getAndIncrement() != 0) {
            return;
        }
        int missed = 1;
        do {
            step();
            missed = wip.addAndGet(-missed);
        } while (missed != 0);
    }

    private void step() {
        if (cancelled) {
            return;
        }
        Fetched fetched = arrived.getAndSet(null);
        if (fetched != null) {
            handle(fetched);
        }
        if (heartbeatDue.getAndSet(false)) {
            Event<String> beat = Event.of("").comment("keep-alive");
            sink.next(next > 1 ? beat.id(Long.toString(next - 1)) : beat);
            probe = true;
        }
        if (fetching || waitingToRetry) {
            return;
        }
        if (mode == Mode.START) {
            fetch(new EventQuery(Long.MAX_VALUE, 0, 1, null, null, null, null, null));
            return;
        }
        if (fellBehind()) {
            mode = Mode.CATCH_UP;
        }
        if (sink.requestedFromDownstream() <= 0) {
            return;
        }
        if (mode == Mode.CATCH_UP) {
            fetch(filter.query(next, 0, config.getPageSize()));
            return;
        }
        followLive();
    }

    private void followLive() {
        while (sink.requestedFromDownstream() > 0) {
            StoredEvent event;
            synchronized (live) {
                event = live.peek();
            }
            if (event == null) {
                break;
            }
            if (filter.storeOnly() && event.seq() >= next) {
                // Only the store knows whose action an event is about: read up to this event from it.
                fetch(filter.query(next, event.seq(), config.getPageSize()));
                return;
            }
            if (event.seq() > next) {
                fetch(filter.query(next, event.seq() - 1, config.getPageSize()));
                return;
            }
            synchronized (live) {
                live.poll();
            }
            if (event.seq() == next) {
                emit(event);
                next++;
            }
        }
        if (probe && sink.requestedFromDownstream() > 0) {
            probe = false;
            fetch(filter.query(next, 0, config.getPageSize()));
        }
    }

    private boolean fellBehind() {
        synchronized (live) {
            boolean behind = overflowed;
            overflowed = false;
            return behind;
        }
    }

    private void fetch(EventQuery query) {
        fetching = true;
        pages.page(query).whenComplete((page, failure) -> {
            arrived.set(new Fetched(page, failure));
            drain();
        });
    }

    private void handle(Fetched fetched) {
        fetching = false;
        if (fetched.failure() != null) {
            waitingToRetry = true;
            scheduler.schedule(
                    () -> {
                        waitingToRetry = false;
                        drain();
                    },
                    config.getRetryDelay().toMillis(),
                    TimeUnit.MILLISECONDS);
            return;
        }
        EventPage page = fetched.page();
        if (mode == Mode.START) {
            next = page.headSeq() + 1;
            mode = Mode.LIVE;
            return;
        }
        for (StoredEvent event : page.events()) {
            if (event.seq() >= next) {
                emit(event);
                next = event.seq() + 1;
            }
        }
        next = Math.max(next, page.nextFromSeq());
        if (mode == Mode.CATCH_UP && page.nextFromSeq() > page.headSeq()) {
            mode = Mode.LIVE;
        }
    }

    private void emit(StoredEvent event) {
        if (filter.matches(event.envelope())) {
            String json = new String(Json.bytes(event), StandardCharsets.UTF_8);
            sink.next(Event.of(json).id(Long.toString(event.seq())));
        }
    }
}
