package dev.handrail.health.liveness;

import io.micronaut.context.annotation.Context;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.TaskScheduler;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Named;
import java.util.concurrent.ScheduledFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Ages the liveness entries every {@code handrail.health.liveness.check-interval}, from start-up to shutdown. */
@Context
public final class LivenessSchedule {

    private static final Logger LOG = LoggerFactory.getLogger(LivenessSchedule.class);

    private final ScheduledFuture<?> task;

    public LivenessSchedule(
            @Named(TaskExecutors.SCHEDULED) TaskScheduler scheduler, LivenessRegistry registry, LivenessConfig config) {
        this.task = scheduler.scheduleWithFixedDelay(config.getCheckInterval(), config.getCheckInterval(), () -> {
            try {
                registry.check();
            } catch (RuntimeException e) {
                LOG.error("Liveness check failed", e);
            }
        });
    }

    @PreDestroy
    void stop() {
        task.cancel(false);
    }
}
