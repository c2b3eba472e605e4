package dev.handrail.contracts.action;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.List;
import java.util.Locale;

/** Policy's verdict on an action with the reason codes behind it and the policy version that gave it. */
public record Decision(Effect effect, List<String> reasons, String policyVersion) {

    public Decision {
        reasons = List.copyOf(reasons);
    }

    /** What policy decided. */
    public enum Effect {
        ALLOW,
        DENY,
        REQUIRE_APPROVAL;

        @JsonValue
        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }

        @JsonCreator
        static Effect json(String wire) {
            return valueOf(wire.toUpperCase(Locale.ROOT));
        }
    }
}
