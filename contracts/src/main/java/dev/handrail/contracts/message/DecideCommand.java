package dev.handrail.contracts.message;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Gateway to policy: an operator approves or denies a pending action, or the principal who planned
 * it withdraws it ({@link Verdict#CANCEL}).
 */
public record DecideCommand(
        String actionId,
        Verdict verdict,
        String decidedBy,
        @Nullable String comment) implements Command {

    /** What the operator said, or the planner's withdrawal. */
    public enum Verdict {
        APPROVE,
        DENY,
        CANCEL;

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
