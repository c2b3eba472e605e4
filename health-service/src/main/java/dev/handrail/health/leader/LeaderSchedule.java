package dev.handrail.health.leader;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.TaskScheduler;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Named;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes this instance leader when the lock is free, runs the leader duties on every round while
 * it leads, and hands leadership back when the lock's session is lost or the service stops. The
 * first round runs at start-up, so a lone instance leads before it takes any query. Thread-safe:
 * rounds are synchronised.
 */
@Context
public final class LeaderSchedule implements ApplicationEventListener<StartupEvent> {

    private static final Logger LOG = LoggerFactory.getLogger(LeaderSchedule.class);

    private final TaskScheduler scheduler;
    private final Leadership leadership;
    private final LeaderConfig config;
    private final List<LeaderDuty> duties;
    private ScheduledFuture<?> task;
    private boolean leading;

    public LeaderSchedule(
            @Named(TaskExecutors.SCHEDULED) TaskScheduler scheduler,
            Leadership leadership,
            LeaderConfig config,
            List<LeaderDuty> duties) {
        this.scheduler = scheduler;
        this.leadership = leadership;
        this.config = config;
        this.duties = new ArrayList<>(duties);
        this.duties.sort(Comparator.comparingInt(LeaderDuty::order));
    }

    @Override
    public void onApplicationEvent(StartupEvent event) {
        round();
        task = scheduler.scheduleWithFixedDelay(config.getInterval(), config.getInterval(), this::round);
    }

    /** Whether this instance is leading now. */
    public synchronized boolean leading() {
        return leading;
    }

    /** One round: keep, take or lose the lead, and do the leader's work. */
    synchronized void round() {
        try {
            if (leading && !leadership.stillHeld()) {
                revoke();
            } else if (!leading && leadership.tryAcquire()) {
                elect();
            }
            if (leading) {
                for (LeaderDuty duty : duties) {
                    run(duty, "round", duty::whileLeading);
                }
            }
        } catch (RuntimeException e) {
            LOG.error("Leader round failed", e);
        }
    }

    private void elect() {
        LOG.info("This instance now leads the health service (breakers, incidents)");
        leading = true;
        for (LeaderDuty duty : duties) {
            try {
                duty.onElected();
            } catch (RuntimeException e) {
                LOG.error(
                        "Taking up leader duty {} failed; stepping down",
                        duty.getClass().getSimpleName(),
                        e);
                revoke();
                leadership.release();
                return;
            }
        }
    }

    private void revoke() {
        LOG.warn("This instance no longer leads the health service");
        leading = false;
        for (LeaderDuty duty : duties.reversed()) {
            run(duty, "revoke", duty::onRevoked);
        }
    }

    private static void run(LeaderDuty duty, String what, Runnable call) {
        try {
            call.run();
        } catch (RuntimeException e) {
            LOG.error("Leader duty {} failed ({})", duty.getClass().getSimpleName(), what, e);
        }
    }

    @PreDestroy
    synchronized void stop() {
        if (task != null) {
            task.cancel(false);
        }
        if (leading) {
            revoke();
        }
        leadership.release();
    }
}
