package dev.handrail.audit.messaging;

import dev.handrail.bus.Delivery;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.LongSupplier;

/**
 * The deliveries handed to the store and not yet settled, so that those still waiting tell
 * JetStream they are being worked on before their ack wait runs out: a store that falls behind
 * (a burst after a restart, a slow disk, a busy machine) then keeps its events instead of having
 * every one of them redelivered again and again while it works through the first copies. A
 * delivery is forgotten as soon as its stage completes. Thread-safe: any thread may track, one
 * scheduler thread calls {@link #signalProgress}.
 */
final class InFlightDeliveries {

    private final ConcurrentMap<Delivery, Long> since = new ConcurrentHashMap<>();
    private final long everyNanos;
    private final LongSupplier clock;

    InFlightDeliveries(Duration every, LongSupplier clock) {
        this.everyNanos = every.toNanos();
        this.clock = clock;
    }

    /** Remembers the delivery until {@code settled} completes, whichever way; returns {@code settled}. */
    <T> CompletionStage<T> track(Delivery delivery, CompletionStage<T> settled) {
        since.put(delivery, clock.getAsLong());
        return settled.whenComplete((ignored, failure) -> since.remove(delivery));
    }

    /**
     * Signals progress for every delivery that has waited at least one period since it arrived or
     * was last signalled; returns how many were signalled.
     */
    int signalProgress() {
        long now = clock.getAsLong();
        int signalled = 0;
        for (Map.Entry<Delivery, Long> entry : since.entrySet()) {
            if (now - entry.getValue() >= everyNanos && since.replace(entry.getKey(), entry.getValue(), now)) {
                entry.getKey().inProgress();
                signalled++;
            }
        }
        return signalled;
    }

    /** How many deliveries wait for the store now. */
    int size() {
        return since.size();
    }
}
