package dev.handrail.health.breaker;

import dev.handrail.health.failure.FailureClass;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.core.registry.EntryAddedEvent;
import io.github.resilience4j.core.registry.EntryRemovedEvent;
import io.github.resilience4j.core.registry.EntryReplacedEvent;
import io.github.resilience4j.core.registry.RegistryEventConsumer;
import jakarta.inject.Singleton;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One resilience4j circuit breaker per node ({@code node:<id>}) and per capability on a node
 * ({@code node:<id>:<intent>}), created on the first outcome and fed with action outcomes. Each
 * action is counted once even when its event arrives again. Thread-safe: resilience4j breakers
 * and registry are, and the set of counted actions is guarded by its own lock.
 */
@Singleton
public final class BreakerBoard {

    private static final Logger LOG = LoggerFactory.getLogger(BreakerBoard.class);
    private static final int REMEMBERED_ACTIONS = 10_000;

    private final CircuitBreakerRegistry registry;
    private final Map<String, Boolean> counted = new LinkedHashMap<>(256, 0.75f, false) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > REMEMBERED_ACTIONS;
        }
    };

    public BreakerBoard(BreakerConfig config) {
        this.registry = CircuitBreakerRegistry.of(config.toResilience4j(), new TransitionLogger());
    }

    /** The action ran and succeeded on {@code node}. */
    public void recordSuccess(String actionId, String node, String intent, long durationMs) {
        if (firstOutcome(actionId, node)) {
            for (CircuitBreaker breaker : breakersFor(node, intent)) {
                if (breaker.tryAcquirePermission()) {
                    breaker.onSuccess(durationMs, TimeUnit.MILLISECONDS);
                }
            }
        }
    }

    /**
     * The action failed on {@code node}; only execution failures count against the node (a
     * content mismatch or a validation error says nothing about its health and is ignored).
     */
    public void recordFailure(String actionId, String node, String intent, long durationMs, String errorCode) {
        if (FailureClass.of(errorCode).isExecutionFailure() && firstOutcome(actionId, node)) {
            ExecutionFailure failure = new ExecutionFailure(errorCode);
            for (CircuitBreaker breaker : breakersFor(node, intent)) {
                if (breaker.tryAcquirePermission()) {
                    breaker.onError(durationMs, TimeUnit.MILLISECONDS, failure);
                }
            }
        }
    }

    /** Every breaker by name, sorted. */
    public Map<String, BreakerView> all() {
        Map<String, BreakerView> views = new TreeMap<>();
        registry.getAllCircuitBreakers().forEach(b -> views.put(b.getName(), view(b)));
        return views;
    }

    /** Closes the named breaker and empties its window; empty when there is no such breaker. */
    public Optional<BreakerView> reset(String name) {
        Optional<CircuitBreaker> breaker = registry.find(name);
        breaker.ifPresent(b -> {
            b.reset();
            LOG.info("Breaker {} reset to closed", name);
        });
        return breaker.map(BreakerBoard::view);
    }

    /** The name of a node's breaker. */
    public static String nodeBreaker(String node) {
        return "node:" + node;
    }

    /** The name of the breaker of one capability on a node. */
    public static String capabilityBreaker(String node, String intent) {
        return "node:" + node + ":" + intent;
    }

    private boolean firstOutcome(String actionId, String node) {
        if (node == null || node.isBlank()) {
            return false;
        }
        synchronized (counted) {
            return actionId == null || counted.put(actionId, Boolean.TRUE) == null;
        }
    }

    private List<CircuitBreaker> breakersFor(String node, String intent) {
        CircuitBreaker nodeBreaker = registry.circuitBreaker(nodeBreaker(node));
        if (intent == null || intent.isBlank()) {
            return List.of(nodeBreaker);
        }
        return List.of(nodeBreaker, registry.circuitBreaker(capabilityBreaker(node, intent)));
    }

    private static BreakerView view(CircuitBreaker breaker) {
        CircuitBreaker.Metrics m = breaker.getMetrics();
        return new BreakerView(breaker.getState().name().toLowerCase(Locale.ROOT), new BreakerView.Stats(
                rate(m.getFailureRate()), rate(m.getSlowCallRate()), m.getNumberOfBufferedCalls(),
                m.getNumberOfFailedCalls(), m.getNumberOfNotPermittedCalls()));
    }

    private static Float rate(float value) {
        return value < 0 ? null : value;
    }

    /** Logs every state change of every breaker the registry creates. */
    private static final class TransitionLogger implements RegistryEventConsumer<CircuitBreaker> {

        @Override
        public void onEntryAddedEvent(EntryAddedEvent<CircuitBreaker> event) {
            CircuitBreaker breaker = event.getAddedEntry();
            LOG.info("Breaker {} created", breaker.getName());
            breaker.getEventPublisher().onStateTransition(e -> {
                if (e.getStateTransition().getToState() == CircuitBreaker.State.OPEN) {
                    LOG.warn("Breaker {} {}", e.getCircuitBreakerName(), e.getStateTransition());
                } else {
                    LOG.info("Breaker {} {}", e.getCircuitBreakerName(), e.getStateTransition());
                }
            });
        }

        @Override
        public void onEntryRemovedEvent(EntryRemovedEvent<CircuitBreaker> event) {
            LOG.info("Breaker {} removed", event.getRemovedEntry().getName());
        }

        @Override
        public void onEntryReplacedEvent(EntryReplacedEvent<CircuitBreaker> event) {
            LOG.info("Breaker {} replaced", event.getNewEntry().getName());
        }
    }
}
