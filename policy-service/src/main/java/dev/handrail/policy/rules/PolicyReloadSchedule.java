package dev.handrail.policy.rules;

import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;

/** Checks the policy file for changes every {@code handrail.policy.reload-interval}, so a new policy applies without a restart. */
@Singleton
public class PolicyReloadSchedule {

    private final ActivePolicy policy;

    public PolicyReloadSchedule(ActivePolicy policy) {
        this.policy = policy;
    }

    @Scheduled(fixedDelay = "${handrail.policy.reload-interval:1s}", initialDelay = "${handrail.policy.reload-interval:1s}")
    void tick() {
        policy.reload();
    }
}
