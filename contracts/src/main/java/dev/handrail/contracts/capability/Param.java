package dev.handrail.contracts.capability;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One parameter of a capability: its name, type and bounds, whether a plan must give it, whether
 * its value is a sensitive input (what is typed, put on the clipboard or written to a file: only
 * the execute command carries it, everything kept holds its digest, see {@link SensitiveParams}),
 * what it means, and the value an absent optional parameter stands for (null when none).
 */
public record Param(
        String name,
        ParamType type,
        boolean required,
        boolean sensitive,
        String description,
        @Nullable Object defaultValue) {

    public Param {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(description, "description");
        if (required && defaultValue != null) {
            throw new IllegalArgumentException("Required parameter " + name + " cannot have a default");
        }
        if (sensitive && !(type instanceof ParamType.Text)) {
            throw new IllegalArgumentException("Sensitive parameter " + name + " must be text");
        }
        if (defaultValue != null && type.problem(name, defaultValue).isPresent()) {
            throw new IllegalArgumentException("Default of " + name + " does not fit its type");
        }
    }

    /** A parameter a plan must give. */
    public static Param required(String name, ParamType type, String description) {
        return new Param(name, type, true, false, description, null);
    }

    /** A parameter a plan may leave out. */
    public static Param optional(String name, ParamType type, String description) {
        return new Param(name, type, false, false, description, null);
    }

    /** The same parameter, its value a sensitive input. */
    public Param asSensitive() {
        return new Param(name, type, required, true, description, defaultValue);
    }

    /** The same optional parameter, standing for {@code value} when absent. */
    public Param withDefault(Object value) {
        return new Param(name, type, required, sensitive, description, value);
    }
}
