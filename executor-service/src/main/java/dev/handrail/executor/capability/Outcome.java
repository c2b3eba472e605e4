package dev.handrail.executor.capability;

import dev.handrail.contracts.error.ErrorCode;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What one run of a capability handler came to: an output and the evidence verification saw, or
 * a failure with a stable code, a message a person can act on, and whether running it again
 * might help ({@code retriable}, e.g. a transient I/O error before anything changed). Evidence
 * entries without a value (no window had the focus) are left out, as the wire format wants. An
 * output is always an object with named fields (a list or a text goes under a name, such as
 * {@code windows} or {@code content}), so clients read it by name and a field can be added later
 * without breaking them.
 */
public record Outcome(
        boolean success,
        Map<String, ?> output,
        ErrorCode errorCode,
        String errorMessage,
        boolean retriable,
        Map<String, Object> evidence) {

    public Outcome {
        evidence = evidence == null
                ? Map.of()
                : evidence.entrySet().stream()
                        .filter(entry -> entry.getValue() != null)
                        .collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    public static Outcome succeeded(Map<String, ?> output, Map<String, Object> evidence) {
        return new Outcome(true, output, null, null, false, evidence);
    }

    /** A failure that running again will not change. */
    public static Outcome failed(ErrorCode code, String message, Map<String, Object> evidence) {
        return new Outcome(false, null, code, message, false, evidence);
    }

    public static Outcome failed(ErrorCode code, String message) {
        return failed(code, message, Map.of());
    }

    /** A failure that left nothing changed and may pass on another try. */
    public static Outcome retriable(ErrorCode code, String message) {
        return new Outcome(false, null, code, message, true, Map.of());
    }
}
