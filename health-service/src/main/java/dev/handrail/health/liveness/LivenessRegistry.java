package dev.handrail.health.liveness;

import dev.handrail.contracts.Subjects;
import dev.handrail.contracts.message.Heartbeat;
import dev.handrail.health.state.EntryView;
import dev.handrail.health.state.HealthEntry;
import dev.handrail.health.state.HealthState;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who is alive: one entry per service instance ({@code service:<service>/<instance id>}) and per
 * node ({@code node:<id>}), fed by heartbeats and aged by {@link #check()}. Thread-safe: every
 * method synchronises on the registry (heartbeats are few and each update is tiny).
 */
@Singleton
public final class LivenessRegistry {

    public static final String KIND_SERVICE = "service";
    public static final String KIND_NODE = "node";

    private static final Logger LOG = LoggerFactory.getLogger(LivenessRegistry.class);

    private final Clock clock;
    private final LivenessConfig config;
    private final Map<String, Tracked> entries = new LinkedHashMap<>();

    public LivenessRegistry(Clock clock, LivenessConfig config) {
        this.clock = clock;
        this.config = config;
    }

    /** Records a heartbeat; returns false (and records nothing) when it cannot name a sender. */
    public synchronized boolean onHeartbeat(Heartbeat heartbeat) {
        String key = key(heartbeat);
        if (key == null || heartbeat.intervalMs() <= 0) {
            return false;
        }
        Instant now = clock.instant();
        Tracked tracked = entries.get(key);
        if (tracked == null) {
            HealthEntry entry = new HealthEntry(heartbeat.kind(), config.getRecoveryCount());
            entry.succeed(now);
            entries.put(key, new Tracked(heartbeat, now, entry));
            LOG.info("Now tracking {}", key);
            return true;
        }
        Duration gap = Duration.between(tracked.lastSeen, now);
        HealthEntry entry = tracked.entry;
        if (entry.state() != HealthState.FAILED && isOverdue(gap, tracked.last.intervalMs())) {
            entry.failWith(missedMessage(gap, tracked.last.intervalMs()), missed(gap, tracked.last.intervalMs()));
        }
        HealthState before = entry.state();
        if (isLate(gap, tracked.last.intervalMs())) {
            entry.succeedLate(
                    now,
                    "Heartbeat " + gap.toMillis() + " ms after the previous one (interval " + tracked.last.intervalMs()
                            + " ms)");
        } else {
            entry.succeed(now);
        }
        tracked.last = heartbeat;
        tracked.lastSeen = now;
        logChange(key, before, entry.state());
        return true;
    }

    /** Ages every entry: late ones are degraded, overdue ones failed, long-failed service instances forgotten. */
    public synchronized void check() {
        Instant now = clock.instant();
        Iterator<Map.Entry<String, Tracked>> it = entries.entrySet().iterator();
        while (it.hasNext()) {
            Map.Entry<String, Tracked> e = it.next();
            Tracked tracked = e.getValue();
            Duration age = Duration.between(tracked.lastSeen, now);
            long interval = tracked.last.intervalMs();
            HealthState before = tracked.entry.state();
            if (isOverdue(age, interval)) {
                int missed = missed(age, interval);
                if (before != HealthState.FAILED || missed > tracked.entry.consecutiveFailures()) {
                    tracked.entry.failWith(missedMessage(age, interval), missed);
                }
                if (isForgettable(e.getKey(), tracked, age)) {
                    it.remove();
                    LOG.info("Forgot {}: no heartbeat for {} s", e.getKey(), age.toSeconds());
                    continue;
                }
            } else if (isLate(age, interval)) {
                tracked.entry.degrade("No heartbeat for " + age.toMillis() + " ms (interval " + interval + " ms)");
            }
            logChange(e.getKey(), before, tracked.entry.state());
        }
    }

    /** Every entry by name, sorted. */
    public synchronized Map<String, EntryView> snapshot() {
        Map<String, EntryView> views = new TreeMap<>();
        entries.forEach((key, tracked) -> views.put(key, tracked.entry.view(detail(tracked))));
        return views;
    }

    /** {@code service:<service>/<instance id>} or {@code node:<id>}; null for anything else. */
    static String key(Heartbeat heartbeat) {
        if (heartbeat == null || !Subjects.isToken(heartbeat.id())) {
            return null;
        }
        if (KIND_NODE.equals(heartbeat.kind())) {
            return "node:" + heartbeat.id();
        }
        if (KIND_SERVICE.equals(heartbeat.kind())
                && heartbeat.service() != null
                && !heartbeat.service().isBlank()) {
            return "service:" + heartbeat.service() + "/" + heartbeat.id();
        }
        return null;
    }

    private boolean isOverdue(Duration age, long intervalMs) {
        return age.toMillis() > intervalMs * config.getFailAfterIntervals();
    }

    private boolean isLate(Duration age, long intervalMs) {
        return age.toMillis() > intervalMs * config.getLateAfterIntervals();
    }

    private boolean isForgettable(String key, Tracked tracked, Duration age) {
        return key.startsWith(KIND_SERVICE + ":")
                && age.compareTo(config.getForgetServicesAfter()) > 0
                && tracked.entry.state() == HealthState.FAILED;
    }

    private static int missed(Duration age, long intervalMs) {
        return (int) Math.min(Integer.MAX_VALUE, age.toMillis() / intervalMs);
    }

    private static String missedMessage(Duration age, long intervalMs) {
        return "No heartbeat for " + age.toMillis() + " ms (interval " + intervalMs + " ms)";
    }

    private static HeartbeatDetail detail(Tracked tracked) {
        Heartbeat last = tracked.last;
        return new HeartbeatDetail(
                last.service(), last.id(), last.startedAt(), tracked.lastSeen, last.intervalMs(), last.node());
    }

    private static void logChange(String key, HealthState before, HealthState after) {
        if (before != after && after == HealthState.FAILED) {
            LOG.warn("{} is now failed (was {})", key, before.wire());
        } else if (before != after) {
            LOG.info("{} is now {} (was {})", key, after.wire(), before.wire());
        }
    }

    /** The last heartbeat of one sender and its entry; guarded by the registry. */
    private static final class Tracked {
        private Heartbeat last;
        private Instant lastSeen;
        private final HealthEntry entry;

        Tracked(Heartbeat last, Instant lastSeen, HealthEntry entry) {
            this.last = last;
            this.lastSeen = lastSeen;
            this.entry = entry;
        }
    }
}
