package dev.handrail.contracts.capability;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * A check beyond a parameter's own type that policy makes before a capability may run; its wire
 * name is the name of the validation check (and the stable code of its failure).
 */
public enum Guard {
    /** The {@code text} parameter is within policy's configured length for the capability. */
    TEXT_LENGTH,
    /** The point {@code x}, {@code y} lies on the node's virtual screen. */
    SCREEN_BOUNDS,
    /** The {@code url} is an absolute http or https URL with a host. */
    URL_SCHEME;

    /** The check's name, e.g. {@code screen_bounds}. */
    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
