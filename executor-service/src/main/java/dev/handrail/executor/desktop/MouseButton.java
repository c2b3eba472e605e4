package dev.handrail.executor.desktop;

import dev.handrail.contracts.error.ErrorCode;
import dev.handrail.executor.capability.RefusedException;
import java.util.Locale;

/** A mouse button a click may use. */
public enum MouseButton {
    LEFT,
    MIDDLE,
    RIGHT;

    /** The button a parameter names ({@code left}, {@code middle}, {@code right}). */
    public static MouseButton parse(String name) {
        try {
            return valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new RefusedException(
                    ErrorCode.INVALID_PARAMS, "Parameter 'button' must be left, middle or right, not '" + name + "'");
        }
    }

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
