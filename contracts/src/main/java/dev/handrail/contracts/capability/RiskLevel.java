package dev.handrail.contracts.capability;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** How much harm a capability can do, lowest first. */
public enum RiskLevel {
    SAFE,
    LOW,
    MEDIUM,
    HIGH;

    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    static RiskLevel json(String wire) {
        return valueOf(wire.toUpperCase(Locale.ROOT));
    }
}
