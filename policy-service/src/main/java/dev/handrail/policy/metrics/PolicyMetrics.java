package dev.handrail.policy.metrics;

import dev.handrail.policy.jdbc.Database;
import dev.handrail.policy.killswitch.KillSwitchBoard;
import dev.handrail.policy.killswitch.KillSwitchState;
import dev.handrail.policy.killswitch.Scope;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Policy's gauges: approvals pending and how long the oldest has waited (read from the database
 * every 10 s, so every policy instance reports the same numbers: take the max across instances),
 * and the kill switch: scopes engaged and whether the global one is.
 */
@Singleton
public class PolicyMetrics {

    private static final Logger LOG = LoggerFactory.getLogger(PolicyMetrics.class);
    static final String PENDING = "SELECT count(*), min(created_at) FROM policy_actions WHERE state = 'pending'";

    private final Database database;
    private final Clock clock;
    private final AtomicLong pending = new AtomicLong();
    private final AtomicLong oldestMillis = new AtomicLong();

    public PolicyMetrics(Database database, KillSwitchBoard killSwitch, Clock clock, MeterRegistry registry) {
        this.database = database;
        this.clock = clock;
        Gauge.builder("handrail.approvals.pending", pending, AtomicLong::get)
                .description("Actions waiting for a person to approve or deny them")
                .register(registry);
        Gauge.builder("handrail.approvals.oldest.pending.seconds", oldestMillis, a -> a.get() / 1000.0)
                .description("How long the oldest pending approval has waited (0 when none)")
                .register(registry);
        Gauge.builder(
                        "handrail.kill_switch.engaged",
                        killSwitch,
                        k -> k.engaged().size())
                .description("Kill-switch scopes engaged now")
                .register(registry);
        Gauge.builder(
                        "handrail.kill_switch.global",
                        killSwitch,
                        k -> k.engaged().stream().map(KillSwitchState::scope).anyMatch(Scope.GLOBAL::equals) ? 1 : 0)
                .description("1 while the global kill switch is engaged")
                .register(registry);
    }

    /** Reads the pending approvals now. */
    @Scheduled(fixedDelay = "10s", initialDelay = "1s")
    public void refresh() {
        try {
            database.autoCommit(c -> {
                try (PreparedStatement ps = c.prepareStatement(PENDING);
                        ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    pending.set(rs.getLong(1));
                    Timestamp oldest = rs.getTimestamp(2);
                    oldestMillis.set(
                            oldest == null
                                    ? 0
                                    : Math.max(
                                            0,
                                            clock.millis() - oldest.toInstant().toEpochMilli()));
                    return null;
                }
            });
        } catch (RuntimeException e) {
            LOG.debug("Cannot read the pending approvals for the metrics: {}", e.getMessage());
        }
    }
}
