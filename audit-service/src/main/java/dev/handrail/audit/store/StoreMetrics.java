package dev.handrail.audit.store;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.inject.Singleton;
import java.util.concurrent.TimeUnit;

/**
 * The store's meters: events stored, duplicates dropped ({@code handrail.audit.duplicates}),
 * messages quarantined ({@code handrail.audit.quarantined}), flush time and batch size. Thread-safe (Micrometer meters are).
 */
@Singleton
public class StoreMetrics {

    private final Counter stored;
    private final Counter duplicates;
    private final Counter quarantined;
    private final Counter failedFlushes;
    private final Timer flush;
    private final DistributionSummary batchSize;

    public StoreMetrics(MeterRegistry registry) {
        stored = Counter.builder("handrail.audit.stored")
                .description("Events appended to the chain")
                .register(registry);
        duplicates = Counter.builder("handrail.audit.duplicates")
                .description("Events dropped because their id was already stored or repeated in a batch")
                .register(registry);
        quarantined = Counter.builder("handrail.audit.quarantined")
                .description("Messages that cannot be stored in the chain, kept raw in the quarantine")
                .register(registry);
        failedFlushes = Counter.builder("handrail.audit.flush.failures")
                .description("Batches whose transaction failed (their events are redelivered)")
                .register(registry);
        flush = Timer.builder("handrail.audit.flush")
                .description("Time to append one batch")
                .register(registry);
        batchSize = DistributionSummary.builder("handrail.audit.batch.size")
                .description("Events per flush")
                .register(registry);
    }

    void flushed(int size, AppendResult result, long nanos) {
        stored.increment(result.stored());
        duplicates.increment(result.duplicates());
        quarantined.increment(result.quarantined().size());
        flush.record(nanos, TimeUnit.NANOSECONDS);
        batchSize.record(size);
    }

    void failed() {
        failedFlushes.increment();
    }

    /** Duplicates dropped since start. */
    public double duplicates() {
        return duplicates.count();
    }

    /** Events stored since start. */
    public double stored() {
        return stored.count();
    }
}
