package dev.handrail.policy.run;

import java.util.Locale;

/** The state of a step or a tool call: {@code running → succeeded | failed}. */
public enum ItemState {
    RUNNING,
    SUCCEEDED,
    FAILED;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
