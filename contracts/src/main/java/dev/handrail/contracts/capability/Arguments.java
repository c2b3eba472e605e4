package dev.handrail.contracts.capability;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A plan's parameters read against its capability's declaration: checked once as a whole (every
 * required one present, every one of its type and within its bounds, no unknown name), then read
 * by name with the declared default standing in for an absent optional one. How the executor
 * parses what it runs. Immutable.
 */
public final class Arguments {

    private final Capability capability;
    private final Map<String, Object> values;

    private Arguments(Capability capability, Map<String, Object> values) {
        this.capability = capability;
        this.values = values;
    }

    /** Reads {@code values} as the parameters of {@code capability}, or says why they do not fit. */
    public static Arguments read(Capability capability, Map<String, Object> values) {
        Map<String, Object> given = values == null ? Map.of() : values;
        Optional<String> missing = capability.missingParam(given);
        if (missing.isPresent()) {
            throw new InvalidArgumentsException("Missing required parameter: " + missing.get());
        }
        capability.paramProblem(given).ifPresent(problem -> {
            throw new InvalidArgumentsException(problem);
        });
        return new Arguments(capability, given);
    }

    /** A text parameter, or its default; fails for an optional one with neither. */
    public String text(String name) {
        return optionalText(name).orElseThrow(() -> absent(name));
    }

    /** A text parameter, or its default, if either is there. */
    public Optional<String> optionalText(String name) {
        return value(name).map(String.class::cast);
    }

    /** A whole-number parameter, or its default. */
    public long whole(String name) {
        return value(name).flatMap(ParamType::integer).orElseThrow(() -> absent(name));
    }

    /** A whole-number parameter, or its default, if either is there. */
    public Optional<Long> optionalWhole(String name) {
        return value(name).flatMap(ParamType::integer);
    }

    /** A flag parameter, or its default. */
    public boolean flag(String name) {
        return value(name).map(Boolean.class::cast).orElseThrow(() -> absent(name));
    }

    /** A choice parameter in lower case, or its default. */
    public String choice(String name) {
        return text(name).toLowerCase(Locale.ROOT);
    }

    /** A text-or-texts parameter as given: a String or a List of Strings; empty when absent. */
    public Optional<Object> textOrTexts(String name) {
        return value(name);
    }

    /** A texts parameter as a list (one text becomes a list of one); empty when absent. */
    public List<String> texts(String name) {
        return value(name)
                .map(v -> v instanceof String s
                        ? List.of(s)
                        : ((List<?>) v).stream().map(String.class::cast).toList())
                .orElse(List.of());
    }

    /** An object parameter's fields, if it was given. */
    @SuppressWarnings("unchecked")
    public Optional<Map<String, Object>> fields(String name) {
        return value(name).map(v -> (Map<String, Object>) v);
    }

    /** All values as given, for handlers that pass them on. */
    public Map<String, Object> values() {
        return values;
    }

    private Optional<Object> value(String name) {
        Param param = capability
                .param(name)
                .orElseThrow(() -> new IllegalArgumentException(capability.intent() + " has no parameter " + name));
        Object value = values.get(name);
        return Optional.ofNullable(value != null ? value : param.defaultValue());
    }

    private IllegalStateException absent(String name) {
        return new IllegalStateException(
                "Parameter " + name + " of " + capability.intent() + " is optional and has no default");
    }

    /** The parameters do not fit the capability's declaration; the message says which and why. */
    public static final class InvalidArgumentsException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public InvalidArgumentsException(String message) {
            super(message);
        }
    }
}
