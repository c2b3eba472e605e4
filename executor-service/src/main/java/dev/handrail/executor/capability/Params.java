package dev.handrail.executor.capability;

import static dev.handrail.contracts.error.ErrorCode.INVALID_PARAMS;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reads typed parameters out of an invocation, refusing with {@code INVALID_PARAMS} when one is missing or mistyped. */
public final class Params {

    private Params() {
    }

    /** A required string parameter; may be empty. */
    public static String string(Map<String, Object> params, String name) {
        return optionalString(params, name)
                .orElseThrow(() -> new RefusedException(INVALID_PARAMS, "Parameter '" + name + "' is required"));
    }

    /** An optional string parameter. */
    public static Optional<String> optionalString(Map<String, Object> params, String name) {
        Object value = params.get(name);
        if (value == null) {
            return Optional.empty();
        }
        if (!(value instanceof String text)) {
            throw new RefusedException(INVALID_PARAMS, "Parameter '" + name + "' must be a string");
        }
        return Optional.of(text);
    }

    /** A required whole number (JSON numbers with no fraction) within bounds. */
    public static long integer(Map<String, Object> params, String name, long min, long max) {
        return optionalInteger(params, name, min, max)
                .orElseThrow(() -> new RefusedException(INVALID_PARAMS, "Parameter '" + name + "' is required"));
    }

    /** An optional whole number within bounds. */
    public static Optional<Long> optionalInteger(Map<String, Object> params, String name, long min, long max) {
        Object value = params.get(name);
        if (value == null) {
            return Optional.empty();
        }
        if (!(value instanceof Number number) || number.doubleValue() != Math.rint(number.doubleValue())
                || Double.isInfinite(number.doubleValue())) {
            throw new RefusedException(INVALID_PARAMS, "Parameter '" + name + "' must be a whole number");
        }
        long whole = number.longValue();
        if (whole < min || whole > max) {
            throw new RefusedException(INVALID_PARAMS, "Parameter '" + name + "' must be between " + min + " and " + max
                    + ", not " + whole);
        }
        return Optional.of(whole);
    }

    /** An optional boolean. */
    public static boolean flag(Map<String, Object> params, String name, boolean absent) {
        Object value = params.get(name);
        if (value == null) {
            return absent;
        }
        if (!(value instanceof Boolean bool)) {
            throw new RefusedException(INVALID_PARAMS, "Parameter '" + name + "' must be true or false");
        }
        return bool;
    }

    /** An optional list of strings; absent is empty. */
    public static List<String> strings(Map<String, Object> params, String name) {
        Object value = params.get(name);
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List<?> list) || !list.stream().allMatch(String.class::isInstance)) {
            throw new RefusedException(INVALID_PARAMS, "Parameter '" + name + "' must be a list of strings");
        }
        return list.stream().map(String.class::cast).toList();
    }
}
