package dev.handrail.health.probe;

import dev.handrail.contracts.Credentials;
import dev.handrail.health.state.EntryView;
import dev.handrail.health.state.HealthEntry;
import dev.handrail.health.state.HealthState;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs every {@link DependencyProbe} (in parallel, each on its own virtual thread, bounded by the
 * configured timeout) and keeps one {@code infrastructure} entry per dependency. Thread-safe:
 * rounds may be run from any thread; the entries are guarded by the monitor.
 */
@Singleton
public final class ProbeMonitor implements AutoCloseable {

    /** The kind of every entry this monitor keeps. */
    public static final String KIND = "infrastructure";

    private static final Logger LOG = LoggerFactory.getLogger(ProbeMonitor.class);

    private final List<DependencyProbe> probes;
    private final ProbeConfig config;
    private final Clock clock;
    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
    private final Map<String, HealthEntry> entries = new HashMap<>();
    private final Map<String, ProbeDetail> details = new HashMap<>();

    public ProbeMonitor(List<DependencyProbe> probes, ProbeConfig config, Clock clock) {
        this.probes = List.copyOf(probes);
        this.config = config;
        this.clock = clock;
    }

    /** Probes every dependency once and records the outcomes. */
    public void runAll() {
        List<Callable<Long>> tasks = new ArrayList<>();
        for (DependencyProbe probe : probes) {
            tasks.add(() -> timed(probe));
        }
        List<Future<Long>> results;
        try {
            results = threads.invokeAll(tasks, config.getTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        Instant now = clock.instant();
        for (int i = 0; i < probes.size(); i++) {
            record(probes.get(i).name(), results.get(i), now);
        }
    }

    /** Every dependency probed so far, by name. */
    public synchronized Map<String, EntryView> snapshot() {
        Map<String, EntryView> views = new TreeMap<>();
        entries.forEach((name, entry) -> views.put(name, entry.view(details.get(name))));
        return views;
    }

    private static long timed(DependencyProbe probe) throws Exception {
        long start = System.nanoTime();
        probe.check();
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    }

    private synchronized void record(String name, Future<Long> result, Instant now) {
        HealthEntry entry = entries.computeIfAbsent(name, n -> new HealthEntry(KIND, config.getRecoveryCount()));
        HealthState before = entry.state();
        long latency = config.getTimeout().toMillis();
        String error = null;
        try {
            latency = result.get();
        } catch (CancellationException e) {
            error = "No answer within " + config.getTimeout().toMillis() + " ms";
        } catch (ExecutionException e) {
            error = describe(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        if (error == null) {
            entry.succeed(now);
        } else {
            entry.fail(error);
        }
        details.put(name, new ProbeDetail(now, latency));
        if (before != entry.state() && entry.state() == HealthState.FAILED) {
            LOG.warn("Dependency {} is now failed (was {}): {}", name, before.wire(), error);
        } else if (before != entry.state()) {
            LOG.info("Dependency {} is now {} (was {})", name, entry.state().wire(), before.wire());
        }
    }

    /** The failure in words for the log and the health events, with any credential it names masked. */
    private static String describe(Throwable failure) {
        String message = failure.getMessage();
        return message == null || message.isBlank() ? failure.getClass().getSimpleName() : Credentials.mask(message);
    }

    @PreDestroy
    @Override
    public void close() {
        threads.shutdownNow();
    }
}
