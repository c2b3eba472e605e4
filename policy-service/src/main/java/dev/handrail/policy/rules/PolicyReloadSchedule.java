package dev.handrail.policy.rules;

import dev.handrail.contracts.message.PolicyFileFailed;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks the policy file for changes every {@code handrail.policy.reload-interval}, so a new
 * policy applies without a restart, and announces each new reason the file fails to load
 * ({@link PolicyFileFailed} on the control feed) once; one that could not be announced is tried
 * again on the next check. Runs on the scheduler's single thread; the last announced error is
 * only touched there.
 */
@Singleton
public class PolicyReloadSchedule {

    private static final Logger LOG = LoggerFactory.getLogger(PolicyReloadSchedule.class);

    private final ActivePolicy policy;
    private final PolicyFileAlarm alarm;
    private final Clock clock;
    private volatile String announced;

    public PolicyReloadSchedule(ActivePolicy policy, PolicyFileAlarm alarm, Clock clock) {
        this.policy = policy;
        this.alarm = alarm;
        this.clock = clock;
    }

    @Scheduled(
            fixedDelay = "${handrail.policy.reload-interval:1s}",
            initialDelay = "${handrail.policy.reload-interval:1s}")
    void tick() {
        policy.reload();
        Optional<String> error = policy.lastError();
        if (error.isEmpty()) {
            announced = null;
            return;
        }
        if (Objects.equals(error.get(), announced)) {
            return;
        }
        ActivePolicy.Status status = policy.status();
        try {
            alarm.raise(new PolicyFileFailed(status.source(), error.get(), status.version(), clock.instant()));
            announced = error.get();
        } catch (RuntimeException e) {
            LOG.warn(
                    "Cannot announce that the policy file failed to load (tried again next check): {}", e.getMessage());
        }
    }
}
