package dev.handrail.audit.store;

import dev.handrail.audit.checkpoint.CheckpointConfig;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.TaskScheduler;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every {@code handrail.audit.checkpoint.every}, signs the chain's head if events have been
 * stored since the last checkpoint (the time rule; the count rule runs with each batch).
 * Thread-safe: the scheduler runs one check at a time.
 */
@Singleton
public class CheckpointTimer implements ApplicationEventListener<StartupEvent> {

    private static final Logger LOG = LoggerFactory.getLogger(CheckpointTimer.class);

    private final EventAppender appender;
    private final TaskScheduler scheduler;
    private final Duration every;

    public CheckpointTimer(
            EventAppender appender, @Named(TaskExecutors.SCHEDULED) TaskScheduler scheduler, CheckpointConfig config) {
        this.appender = appender;
        this.scheduler = scheduler;
        this.every = config.getEvery();
    }

    @Override
    public void onApplicationEvent(StartupEvent event) {
        scheduler.scheduleWithFixedDelay(every, every, this::tick);
    }

    private void tick() {
        try {
            appender.checkpointIfDue();
        } catch (RuntimeException e) {
            LOG.warn("The timed checkpoint failed; the next tick tries again: {}", e.getMessage());
        }
    }
}
