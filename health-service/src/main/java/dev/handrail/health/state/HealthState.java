package dev.handrail.health.state;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * How a service instance, node or dependency is doing: {@code failed} when it stopped answering,
 * {@code recovering} once it answers again until it has done so enough times in a row,
 * {@code degraded} when it answers late, {@code healthy} otherwise.
 */
public enum HealthState {
    HEALTHY,
    DEGRADED,
    RECOVERING,
    FAILED;

    /** Wire name, e.g. {@code recovering}. */
    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
