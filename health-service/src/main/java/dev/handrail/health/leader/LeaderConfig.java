package dev.handrail.health.leader;

import io.micronaut.context.annotation.ConfigurationProperties;
import java.time.Duration;

/** How the health instances pick the one that keeps the breakers and incidents, under {@code handrail.health.leader}. */
@ConfigurationProperties(LeaderConfig.PREFIX)
public class LeaderConfig {

    public static final String PREFIX = "handrail.health.leader";

    private Duration interval = Duration.ofSeconds(1);
    private long lockKey = 0x48524C44L;

    /** How often the leader checks it still holds the lock and does its rounds, and a follower tries to take it. */
    public Duration getInterval() {
        return interval;
    }

    public void setInterval(Duration interval) {
        this.interval = interval;
    }

    /** The PostgreSQL advisory lock key that makes an instance leader (per database). */
    public long getLockKey() {
        return lockKey;
    }

    public void setLockKey(long lockKey) {
        this.lockKey = lockKey;
    }
}
