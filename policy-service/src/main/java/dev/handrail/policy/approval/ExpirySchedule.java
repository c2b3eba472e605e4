package dev.handrail.policy.approval;

import dev.handrail.policy.PolicyConfig;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the expiry sweep every {@code handrail.policy.sweep-interval}, draining full batches
 * straight away. A failed sweep is logged and tried again on the next tick.
 */
@Singleton
public class ExpirySchedule {

    private static final Logger LOG = LoggerFactory.getLogger(ExpirySchedule.class);
    private static final int MAX_BATCHES_PER_TICK = 10;

    private final ApprovalSweeper sweeper;
    private final Clock clock;
    private final int batch;

    public ExpirySchedule(ApprovalSweeper sweeper, Clock clock, PolicyConfig config) {
        this.sweeper = sweeper;
        this.clock = clock;
        this.batch = config.getSweepBatch();
    }

    @Scheduled(
            fixedDelay = "${handrail.policy.sweep-interval:1s}",
            initialDelay = "${handrail.policy.sweep-interval:1s}")
    void tick() {
        try {
            for (int i = 0; i < MAX_BATCHES_PER_TICK && sweeper.sweep(clock.instant()) >= batch; i++) {
                LOG.debug("A full batch of approvals expired; sweeping again");
            }
        } catch (RuntimeException e) {
            LOG.warn("Expiry sweep failed; it runs again next tick", e);
        }
    }
}
