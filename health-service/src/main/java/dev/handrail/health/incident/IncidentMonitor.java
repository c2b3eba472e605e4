package dev.handrail.health.incident;

import dev.handrail.health.breaker.BreakerBoard;
import dev.handrail.health.breaker.BreakerView;
import dev.handrail.health.deadletter.DeadLetterStore;
import dev.handrail.health.leader.LeaderDuty;
import dev.handrail.health.liveness.LivenessRegistry;
import dev.handrail.health.state.EntryView;
import dev.handrail.health.state.HealthState;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens and closes incidents from what is true now, on every leader round: a tripped breaker
 * (open on its own failures, not held open for a down node), a node that is down, or at least
 * {@code dead-letter-burst} dead letters within {@code dead-letter-window} each make one incident
 * keyed by their cause; it closes once the cause has recovered (the breaker closed, the node
 * healthy again, the burst over). Level-triggered rather than driven by single events, so a new
 * leader picks up where the last one stopped. Incidents for events the audit store quarantined
 * ({@link QuarantineIncidents}) are opened by their notice and stay open. Every change is then put
 * on the feed. Stateless;
 * called from the leader schedule only.
 */
@Singleton
public final class IncidentMonitor implements LeaderDuty {

    static final String DEAD_LETTERS_KEY = "dead_letters";
    private static final Logger LOG = LoggerFactory.getLogger(IncidentMonitor.class);
    private static final Duration PUBLISH_TIMEOUT = Duration.ofSeconds(5);
    private static final int ANNOUNCE_BATCH = 100;

    private final IncidentStore store;
    private final IncidentPublisher publisher;
    private final BreakerBoard breakers;
    private final LivenessRegistry liveness;
    private final DeadLetterStore deadLetters;
    private final IncidentConfig config;
    private final Clock clock;

    public IncidentMonitor(
            IncidentStore store,
            IncidentPublisher publisher,
            BreakerBoard breakers,
            LivenessRegistry liveness,
            DeadLetterStore deadLetters,
            IncidentConfig config,
            Clock clock) {
        this.store = store;
        this.publisher = publisher;
        this.breakers = breakers;
        this.liveness = liveness;
        this.deadLetters = deadLetters;
        this.config = config;
        this.clock = clock;
    }

    @Override
    public void whileLeading() {
        sweep();
    }

    /** Opens an incident for every cause that has none, closes those whose cause recovered, announces the changes. */
    public void sweep() {
        Instant now = clock.instant();
        Map<String, BreakerView> breakerViews = breakers.all();
        Map<String, EntryView> entries = liveness.snapshot();
        Map<String, IncidentCause> causes = causes(now, breakerViews, entries);
        List<Incident> open = store.openIncidents();
        for (IncidentCause cause : causes.values()) {
            if (open.stream().noneMatch(i -> i.key().equals(cause.key()))) {
                store.open(cause, now).ifPresent(i -> LOG.warn("Incident {} opened: {}", i.id(), i.title()));
            }
        }
        for (Incident incident : open) {
            if (!causes.containsKey(incident.key()) && recovered(incident.key(), breakerViews, entries)) {
                store.close(incident.id(), now).ifPresent(i -> LOG.info("Incident {} closed: {}", i.id(), i.title()));
            }
        }
        announce();
    }

    private Map<String, IncidentCause> causes(
            Instant now, Map<String, BreakerView> breakerViews, Map<String, EntryView> entries) {
        Map<String, IncidentCause> causes = new LinkedHashMap<>();
        breakerViews.forEach((name, view) -> {
            if (view.state().equals("open") && !view.held()) {
                causes.put(
                        "breaker:" + name,
                        new IncidentCause(
                                "breaker:" + name,
                                "breaker",
                                "Circuit breaker " + name + " tripped",
                                Map.of("breaker", name, "stats", view.stats())));
            }
        });
        entries.forEach((key, entry) -> {
            // A node is down for incidents once the breaker round has held its breaker open, so an
            // open node incident always comes with its breaker held (both read from one round's view).
            BreakerView breaker = breakerViews.get(key);
            if (LivenessRegistry.KIND_NODE.equals(entry.kind())
                    && entry.state() == HealthState.FAILED
                    && breaker != null
                    && breaker.held()) {
                String node = key.substring("node:".length());
                Map<String, Object> detail = new LinkedHashMap<>();
                detail.put("node", node);
                detail.put("last_ok", entry.lastOk());
                detail.put("last_error", entry.lastError());
                causes.put(key, new IncidentCause(key, "node", "Node " + node + " is down", detail));
            }
        });
        Duration window = config.getDeadLetterWindow();
        long recent = deadLetters.countSince(now.minus(window));
        if (recent >= config.getDeadLetterBurst()) {
            causes.put(
                    DEAD_LETTERS_KEY,
                    new IncidentCause(
                            DEAD_LETTERS_KEY,
                            "dead_letters",
                            recent + " dead letters within " + window.toSeconds() + " s",
                            Map.of(
                                    "count",
                                    recent,
                                    "window_seconds",
                                    window.toSeconds(),
                                    "threshold",
                                    config.getDeadLetterBurst())));
        }
        return causes;
    }

    /**
     * Whether the cause of an open incident is over; a node not heard from since this instance
     * started is not, and a quarantined audit event never is by itself (an operator deals with it).
     */
    private static boolean recovered(
            String key, Map<String, BreakerView> breakerViews, Map<String, EntryView> entries) {
        if (key.startsWith("breaker:")) {
            BreakerView view = breakerViews.get(key.substring("breaker:".length()));
            return view == null || view.state().equals("closed");
        }
        if (key.startsWith("node:")) {
            EntryView entry = entries.get(key);
            return entry != null && entry.state() == HealthState.HEALTHY;
        }
        return !key.startsWith(QuarantineIncidents.KEY_PREFIX);
    }

    private void announce() {
        for (IncidentStore.Announcement pending : store.unannounced(ANNOUNCE_BATCH)) {
            Incident incident = pending.incident();
            try {
                if (pending.announced() == null) {
                    publish(new Incident(
                            incident.id(),
                            incident.key(),
                            incident.kind(),
                            Incident.OPEN,
                            incident.title(),
                            incident.detail(),
                            incident.openedAt(),
                            null));
                    store.markAnnounced(incident.id(), "opened");
                }
                if (incident.state().equals(Incident.CLOSED)) {
                    publish(incident);
                    store.markAnnounced(incident.id(), "closed");
                }
            } catch (RuntimeException e) {
                LOG.warn("Incident {} not announced yet: {}", incident.id(), e.getMessage());
                return;
            }
        }
    }

    private void publish(Incident incident) {
        try {
            publisher.publish(incident).toCompletableFuture().get(PUBLISH_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IncidentAnnouncementException("Interrupted while announcing incident " + incident.id(), e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IncidentAnnouncementException(
                    "Announcing incident " + incident.id() + " failed: " + e.getMessage(), e);
        }
    }
}
