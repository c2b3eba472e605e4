package dev.handrail.audit.redaction;

import io.micronaut.context.annotation.ConfigurationProperties;

/** Whether sensitive values are redacted before they are stored ({@code handrail.audit.redaction.enabled}, on by default). */
@ConfigurationProperties(RedactionConfig.PREFIX)
public class RedactionConfig {

    public static final String PREFIX = "handrail.audit.redaction";

    private boolean enabled = true;

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }
}
