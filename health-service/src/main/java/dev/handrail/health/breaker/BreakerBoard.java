package dev.handrail.health.breaker;

import dev.handrail.contracts.error.ErrorCode;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.internal.CircuitBreakerStateMachine;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One resilience4j circuit breaker per node ({@code node:<id>}) and per capability on a node
 * ({@code node:<id>:<intent>}), created on the first outcome and fed with action outcomes; each
 * action is counted once even when its event arrives again. A node that is down holds its node
 * breaker open (resilience4j's forced-open state) until it is back, then lets trial calls through
 * (half-open). Time is the injected clock's: an open breaker moves to half-open on {@link #tick()}
 * (or when an outcome arrives after its wait), never on a timer of its own. Every visible move is
 * numbered per breaker and handed to the {@link BreakerListener}. Thread-safe: every method
 * synchronises on the board, so moves happen, and are reported, one at a time and in order.
 */
@Singleton
public final class BreakerBoard {

    private static final Logger LOG = LoggerFactory.getLogger(BreakerBoard.class);
    private static final int REMEMBERED_ACTIONS = 10_000;

    private final BreakerConfig config;
    private final CircuitBreakerConfig resilience;
    private final Clock clock;
    private final BreakerListener listener;
    private final Map<String, Entry> breakers = new TreeMap<>();
    private final Map<String, Boolean> counted = new LinkedHashMap<>(256, 0.75f, false) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > REMEMBERED_ACTIONS;
        }
    };
    /** Why the move the board is making itself happens; null while resilience4j moves on its own. */
    private String cause;
    /** Restoring stored state: moves are not numbered or reported. */
    private boolean quiet;

    /** A board on the system clock that reports to nobody. */
    public BreakerBoard(BreakerConfig config) {
        this(config, Clock.systemUTC(), BreakerListener.NONE);
    }

    @Inject
    public BreakerBoard(BreakerConfig config, Clock clock, BreakerListener listener) {
        this.config = config;
        this.resilience = config.toResilience4j();
        this.clock = clock;
        this.listener = listener;
    }

    /** The action ran and succeeded on {@code node}. */
    public synchronized void recordSuccess(String actionId, String node, String intent, long durationMs) {
        if (firstOutcome(actionId, node)) {
            for (Entry entry : entriesFor(node, intent)) {
                if (entry.breaker.tryAcquirePermission()) {
                    entry.breaker.onSuccess(durationMs, TimeUnit.MILLISECONDS);
                }
            }
        }
    }

    /**
     * The action failed on {@code node}; only a failure whose code blames the node or the
     * infrastructure counts against it (the error catalogue says whom each code blames). A
     * failure that blames the request (a refused path, a missing file, a command that exited
     * non-zero, a kill-switch abort) says nothing about the node's health and is not counted at
     * all, neither as a failure nor as a success.
     */
    public synchronized void recordFailure(
            String actionId, String node, String intent, long durationMs, String errorCode) {
        if (ErrorCode.blameOf(errorCode).tripsBreakers() && firstOutcome(actionId, node)) {
            ExecutionFailure failure = new ExecutionFailure(errorCode);
            for (Entry entry : entriesFor(node, intent)) {
                if (entry.breaker.tryAcquirePermission()) {
                    entry.breaker.onError(durationMs, TimeUnit.MILLISECONDS, failure);
                }
            }
        }
    }

    /** Every breaker by name, sorted, as of now (an open breaker whose wait is over shows half-open). */
    public synchronized Map<String, BreakerView> all() {
        tick();
        Map<String, BreakerView> views = new TreeMap<>();
        breakers.forEach((name, entry) -> views.put(name, view(entry)));
        return views;
    }

    /** Closes the named breaker and empties its window; empty when there is no such breaker. */
    public synchronized Optional<BreakerView> reset(String name) {
        Entry entry = breakers.get(name);
        if (entry == null) {
            return Optional.empty();
        }
        moveBecause("reset", entry.breaker::reset);
        LOG.info("Breaker {} reset to closed", name);
        return Optional.of(view(entry));
    }

    /** Moves every open breaker whose wait is over to half-open. */
    public synchronized void tick() {
        Instant now = clock.instant();
        for (Entry entry : breakers.values()) {
            if (entry.breaker.getState() == CircuitBreaker.State.OPEN
                    && entry.openUntil != null
                    && !now.isBefore(entry.openUntil)) {
                moveBecause("wait_elapsed", entry.breaker::transitionToHalfOpenState);
            }
        }
    }

    /**
     * Follows a node's liveness: a node that is down holds its node breaker open (creating the
     * breaker if the node never had an outcome); once it is back, a held breaker goes half-open.
     */
    public synchronized void followNode(String node, boolean down) {
        if (down) {
            Entry entry = entry(nodeBreaker(node), node, null);
            if (entry.breaker.getState() != CircuitBreaker.State.FORCED_OPEN) {
                moveBecause("node_down", entry.breaker::transitionToForcedOpenState);
            }
            return;
        }
        Entry entry = breakers.get(nodeBreaker(node));
        if (entry != null && entry.breaker.getState() == CircuitBreaker.State.FORCED_OPEN) {
            moveBecause("node_back", entry.breaker::transitionToHalfOpenState);
        }
    }

    /**
     * Replaces every breaker with the stored ones, in the state they were stored in and with
     * empty windows; nothing is reported (these moves were reported when they first happened).
     */
    public synchronized void restore(List<StoredBreaker> stored) {
        quiet = true;
        try {
            breakers.clear();
            counted.clear();
            for (StoredBreaker s : stored) {
                Entry entry = entry(s.name(), s.node(), s.intent());
                entry.seq = s.seq();
                switch (s.state()) {
                    case "open" -> restoreOpen(entry, s);
                    case "half_open" -> {
                        // resilience4j reaches half-open only from open
                        entry.breaker.transitionToOpenState();
                        entry.breaker.transitionToHalfOpenState();
                    }
                    default -> {
                        // closed: as created
                    }
                }
            }
        } finally {
            quiet = false;
        }
        LOG.info("Restored {} breakers", stored.size());
    }

    /** Forgets every breaker (this instance no longer keeps them). */
    public synchronized void clear() {
        breakers.clear();
        counted.clear();
    }

    /** The name of a node's breaker. */
    public static String nodeBreaker(String node) {
        return "node:" + node;
    }

    /** The name of the breaker of one capability on a node. */
    public static String capabilityBreaker(String node, String intent) {
        return "node:" + node + ":" + intent;
    }

    private void restoreOpen(Entry entry, StoredBreaker s) {
        if (s.held()) {
            entry.breaker.transitionToForcedOpenState();
            return;
        }
        Instant until = s.openUntil() != null ? s.openUntil() : clock.instant().plus(config.getWaitInOpen());
        entry.breaker.transitionToOpenStateUntil(until);
        entry.openUntil = until;
    }

    private boolean firstOutcome(String actionId, String node) {
        if (node == null || node.isBlank()) {
            return false;
        }
        return actionId == null || counted.put(actionId, Boolean.TRUE) == null;
    }

    private List<Entry> entriesFor(String node, String intent) {
        Entry nodeEntry = entry(nodeBreaker(node), node, null);
        if (intent == null || intent.isBlank()) {
            return List.of(nodeEntry);
        }
        return List.of(nodeEntry, entry(capabilityBreaker(node, intent), node, intent));
    }

    private Entry entry(String name, String node, String intent) {
        Entry existing = breakers.get(name);
        if (existing != null) {
            return existing;
        }
        CircuitBreaker breaker = new CircuitBreakerStateMachine(name, resilience, clock);
        Entry entry = new Entry(name, node, intent, breaker);
        breaker.getEventPublisher().onStateTransition(e -> moved(entry, e.getStateTransition()));
        breakers.put(name, entry);
        if (!quiet) {
            LOG.info("Breaker {} created", name);
            report(() -> listener.created(name, node, intent, clock.instant()));
        }
        return entry;
    }

    private void moveBecause(String reason, Runnable move) {
        cause = reason;
        try {
            move.run();
        } finally {
            cause = null;
        }
    }

    /** Called by resilience4j, synchronously, on the thread that made the move (which holds the board). */
    private void moved(Entry entry, CircuitBreaker.StateTransition transition) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        CircuitBreaker.State to = transition.getToState();
        entry.openUntil = to == CircuitBreaker.State.OPEN ? now.plus(config.getWaitInOpen()) : null;
        if (quiet) {
            return;
        }
        String from = wire(transition.getFromState());
        String toWire = wire(to);
        if (!from.equals(toWire)) {
            entry.seq++;
        }
        String reason = cause != null ? cause : inferredReason(entry, transition);
        BreakerTransition moved = new BreakerTransition(
                entry.name,
                entry.node,
                entry.intent,
                entry.seq,
                from,
                toWire,
                reason,
                to == CircuitBreaker.State.FORCED_OPEN,
                entry.openUntil,
                now);
        if (toWire.equals("open")) {
            LOG.warn("Breaker {} {} -> {} ({})", entry.name, from, toWire, reason);
        } else {
            LOG.info("Breaker {} {} -> {} ({})", entry.name, from, toWire, reason);
        }
        report(() -> listener.transitioned(moved));
    }

    private String inferredReason(Entry entry, CircuitBreaker.StateTransition transition) {
        return switch (transition.getToState()) {
            case OPEN ->
                entry.breaker.getMetrics().getFailureRate() >= config.getFailureRateThreshold()
                        ? "failure_rate"
                        : "slow_call_rate";
            case HALF_OPEN -> "wait_elapsed";
            case CLOSED ->
                transition.getFromState() == CircuitBreaker.State.HALF_OPEN ? "trial_calls_succeeded" : "reset";
            default -> transition.getToState().name().toLowerCase(java.util.Locale.ROOT);
        };
    }

    private static void report(Runnable call) {
        try {
            call.run();
        } catch (RuntimeException e) {
            LOG.error("A breaker listener failed; the breaker moved all the same", e);
        }
    }

    /** The wire state: {@code closed}, {@code open} (also when held open) or {@code half_open}. */
    static String wire(CircuitBreaker.State state) {
        return switch (state) {
            case OPEN, FORCED_OPEN -> "open";
            case HALF_OPEN -> "half_open";
            default -> "closed";
        };
    }

    private static BreakerView view(Entry entry) {
        CircuitBreaker.Metrics m = entry.breaker.getMetrics();
        return new BreakerView(
                wire(entry.breaker.getState()),
                new BreakerView.Stats(
                        rate(m.getFailureRate()),
                        rate(m.getSlowCallRate()),
                        m.getNumberOfBufferedCalls(),
                        m.getNumberOfFailedCalls(),
                        m.getNumberOfNotPermittedCalls()),
                entry.breaker.getState() == CircuitBreaker.State.FORCED_OPEN,
                entry.openUntil);
    }

    private static Float rate(float value) {
        return value < 0 ? null : value;
    }

    /** One breaker and what the board keeps beside it; guarded by the board. */
    private static final class Entry {
        private final String name;
        private final String node;
        private final String intent;
        private final CircuitBreaker breaker;
        private long seq;
        private Instant openUntil;

        Entry(String name, String node, String intent, CircuitBreaker breaker) {
            this.name = name;
            this.node = node;
            this.intent = intent;
            this.breaker = breaker;
        }
    }
}
