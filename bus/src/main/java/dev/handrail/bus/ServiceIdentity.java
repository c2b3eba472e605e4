package dev.handrail.bus;

import dev.handrail.contracts.action.ActionIds;
import io.micronaut.context.annotation.ConfigurationProperties;
import java.time.Duration;
import java.time.Instant;

/**
 * Who this service instance is: its service name, a unique instance id, and how often it says
 * so. Configured under {@code handrail.service}; the instance id is fresh per start unless set.
 */
@ConfigurationProperties(ServiceIdentity.PREFIX)
public class ServiceIdentity {

    public static final String PREFIX = "handrail.service";

    private String name = "handrail";
    private String instanceId = ActionIds.next().toLowerCase(java.util.Locale.ROOT);
    private Duration heartbeatInterval = Duration.ofSeconds(2);
    private final Instant startedAt = Instant.now();

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getInstanceId() {
        return instanceId;
    }

    public void setInstanceId(String instanceId) {
        this.instanceId = instanceId;
    }

    public Duration getHeartbeatInterval() {
        return heartbeatInterval;
    }

    public void setHeartbeatInterval(Duration heartbeatInterval) {
        this.heartbeatInterval = heartbeatInterval;
    }

    public Instant getStartedAt() {
        return startedAt;
    }

    /** CloudEvents {@code source} of this instance. */
    public String source() {
        return "/handrail/" + name + "/" + instanceId;
    }
}
