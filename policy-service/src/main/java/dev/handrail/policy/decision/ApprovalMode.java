package dev.handrail.policy.decision;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** Whether a capability's actions wait for a person when no policy rule says otherwise. */
public enum ApprovalMode {
    AUTO,
    REQUIRE_APPROVAL;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<ApprovalMode> fromWire(String wire) {
        return Arrays.stream(values()).filter(m -> m.wire().equals(wire)).findFirst();
    }
}
