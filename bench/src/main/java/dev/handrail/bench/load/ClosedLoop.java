package dev.handrail.bench.load;

import dev.handrail.bench.stats.Measurement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.HdrHistogram.Recorder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A closed-loop load generator: {@code clients} threads, each making one call at a time, first
 * for the warm-up (not recorded), then for the measured window or until {@code maxCalls} calls
 * were measured, whichever comes first. A call's latency is recorded when it succeeds; a call
 * that returns false or throws counts as an error. Closed loop means latencies under overload
 * show as lower throughput rather than as a growing queue.
 */
public final class ClosedLoop {

    private static final Logger LOG = LoggerFactory.getLogger(ClosedLoop.class);

    /** One client's call; made by one thread only, so it may keep state. */
    @FunctionalInterface
    public interface Call {
        /** Makes one call; false (or an exception) when it failed. */
        boolean call() throws Exception;
    }

    /** Observes the measured window: called on the coordinating thread as it starts and ends. */
    public interface Probe {
        void measuringStarts();

        void measuringEnds();

        Probe NONE = new Probe() {
            @Override
            public void measuringStarts() {}

            @Override
            public void measuringEnds() {}
        };
    }

    /** How long and how much. */
    public record Shape(int clients, Duration warmUp, Duration measure, long maxCalls) {
        public Shape {
            if (clients < 1 || measure.isZero() || measure.isNegative() || maxCalls < 1) {
                throw new IllegalArgumentException("A load needs a client, a measured window and a call budget");
            }
        }
    }

    private ClosedLoop() {}

    /** Runs the load; {@code newClient} makes each client's call (e.g. with its own connection). */
    public static Measurement run(String name, Shape shape, Supplier<Call> newClient, Probe probe) {
        return run(name, shape, newClient, probe, () -> false);
    }

    /**
     * As {@link #run(String, Shape, Supplier, Probe)}, ending early once {@code stop} is true (each
     * client finishes the call it is making): for a load that lasts as long as something else does.
     */
    public static Measurement run(
            String name, Shape shape, Supplier<Call> newClient, Probe probe, BooleanSupplier stop) {
        Recorder recorder = new Recorder(Duration.ofHours(1).toNanos(), 3);
        LongAdder errors = new LongAdder();
        AtomicLong measured = new AtomicLong();
        AtomicReference<Throwable> firstError = new AtomicReference<>();
        long start = System.nanoTime();
        long measureFrom = start + shape.warmUp().toNanos();
        long measureUntil = measureFrom + shape.measure().toNanos();
        AtomicLong stoppedAt = new AtomicLong(Long.MAX_VALUE);
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < shape.clients(); i++) {
            Call call = newClient.get();
            threads.add(Thread.ofPlatform().name(name + "-" + i).daemon().start(() -> {
                while (true) {
                    long t0 = System.nanoTime();
                    if (t0 >= measureUntil || t0 >= stoppedAt.get()) {
                        return;
                    }
                    if (stop.getAsBoolean()) {
                        stoppedAt.compareAndSet(Long.MAX_VALUE, t0);
                        return;
                    }
                    boolean counted = t0 >= measureFrom;
                    if (counted && measured.incrementAndGet() > shape.maxCalls()) {
                        stoppedAt.compareAndSet(Long.MAX_VALUE, t0);
                        return;
                    }
                    boolean ok;
                    try {
                        ok = call.call();
                    } catch (Exception | AssertionError e) {
                        firstError.compareAndSet(null, e);
                        ok = false;
                    }
                    if (counted) {
                        if (ok) {
                            recorder.recordValue(System.nanoTime() - t0);
                        } else {
                            errors.increment();
                        }
                    }
                }
            }));
        }
        pauseUntil(measureFrom);
        probe.measuringStarts();
        threads.forEach(ClosedLoop::join);
        long end = Math.min(System.nanoTime(), Math.min(measureUntil, stoppedAt.get()));
        probe.measuringEnds();
        Measurement result = Measurement.of(
                name, recorder.getIntervalHistogram(), errors.sum(), Duration.ofNanos(Math.max(1, end - measureFrom)));
        Throwable error = firstError.get();
        if (error != null) {
            LOG.warn("{}: {} errors; the first: {}", name, errors.sum(), error.toString());
        }
        return result;
    }

    private static void pauseUntil(long nanoTime) {
        for (long wait = nanoTime - System.nanoTime(); wait > 0; wait = nanoTime - System.nanoTime()) {
            LockSupport.parkNanos(wait);
        }
    }

    private static void join(Thread thread) {
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for the load to finish", e);
        }
    }
}
