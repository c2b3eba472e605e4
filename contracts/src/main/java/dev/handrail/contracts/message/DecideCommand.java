package dev.handrail.contracts.message;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/** Gateway to policy: an operator approves or denies a pending action. */
public record DecideCommand(
        String actionId,
        Verdict verdict,
        String decidedBy,
        @Nullable String comment) implements Command {

    /** What the operator said. */
    public enum Verdict {
        APPROVE,
        DENY;

        @JsonValue
        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }

        @JsonCreator
        static Verdict json(String wire) {
            return valueOf(wire.toUpperCase(Locale.ROOT));
        }
    }
}
