package dev.handrail.contracts.capability;

import java.util.Objects;

/**
 * One named field of a capability's output ({@code execution.output} is always an object): its
 * JSON Schema type ({@code string}, {@code integer}, {@code number}, {@code boolean}, {@code array},
 * {@code object}), what it holds, and whether it is sensitive (what was read from a file or the
 * clipboard: the audit trail keeps only its digest).
 */
public record OutputField(String name, String type, String description, boolean sensitive) {

    public OutputField {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(description, "description");
    }

    public static OutputField of(String name, String type, String description) {
        return new OutputField(name, type, description, false);
    }

    /** The same field, sensitive. */
    public OutputField asSensitive() {
        return new OutputField(name, type, description, true);
    }
}
