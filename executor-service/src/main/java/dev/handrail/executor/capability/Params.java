package dev.handrail.executor.capability;

import java.util.Map;

/** Reads typed parameters out of an invocation, refusing with {@code INVALID_PARAMS} when one is missing or mistyped. */
public final class Params {

    /** Code of a missing or mistyped parameter. */
    public static final String INVALID_PARAMS = "INVALID_PARAMS";

    private Params() {
    }

    /** A required string parameter; may be empty. */
    public static String string(Map<String, Object> params, String name) {
        Object value = params.get(name);
        if (value == null) {
            throw new RefusedException(INVALID_PARAMS, "Parameter '" + name + "' is required");
        }
        if (!(value instanceof String text)) {
            throw new RefusedException(INVALID_PARAMS, "Parameter '" + name + "' must be a string");
        }
        return text;
    }
}
