package dev.handrail.health.probe;

import io.micronaut.context.annotation.Context;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.TaskScheduler;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Named;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs a round of dependency probes at start-up and then every {@code handrail.health.probes.interval}. */
@Context
public final class ProbeSchedule {

    private static final Logger LOG = LoggerFactory.getLogger(ProbeSchedule.class);

    private final ScheduledFuture<?> task;

    public ProbeSchedule(
            @Named(TaskExecutors.SCHEDULED) TaskScheduler scheduler, ProbeMonitor monitor, ProbeConfig config) {
        this.task = scheduler.scheduleWithFixedDelay(Duration.ZERO, config.getInterval(), () -> {
            try {
                monitor.runAll();
            } catch (RuntimeException e) {
                LOG.error("Dependency probes failed", e);
            }
        });
    }

    @PreDestroy
    void stop() {
        task.cancel(false);
    }
}
