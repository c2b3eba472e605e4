package dev.handrail.health.incident;

import io.micronaut.context.annotation.ConfigurationProperties;
import java.time.Duration;

/** When a burst of dead letters is an incident, under {@code handrail.health.incidents}. */
@ConfigurationProperties(IncidentConfig.PREFIX)
public class IncidentConfig {

    public static final String PREFIX = "handrail.health.incidents";

    private int deadLetterBurst = 10;
    private Duration deadLetterWindow = Duration.ofMinutes(5);

    /** Dead letters within the window that make a burst (an incident); fewer closes it. */
    public int getDeadLetterBurst() {
        return deadLetterBurst;
    }

    public void setDeadLetterBurst(int deadLetterBurst) {
        this.deadLetterBurst = deadLetterBurst;
    }

    /** The sliding window dead letters are counted in. */
    public Duration getDeadLetterWindow() {
        return deadLetterWindow;
    }

    public void setDeadLetterWindow(Duration deadLetterWindow) {
        this.deadLetterWindow = deadLetterWindow;
    }
}
