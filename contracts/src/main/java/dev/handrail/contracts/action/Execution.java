package dev.handrail.contracts.action;

import dev.handrail.contracts.error.ErrorCode;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What happened when an executor ran an action. {@code output} is the capability's result
 * (text, a list of windows, ...); {@code evidence} is what verification observed afterwards.
 */
public record Execution(
        boolean success,
        @Nullable Object output,
        @Nullable String errorCode,
        @Nullable String errorMessage,
        long durationMs,
        int retriesUsed,
        @Nullable Map<String, Object> evidence) {

    public Execution {
        evidence = evidence == null ? Map.of() : Map.copyOf(evidence);
    }

    public static Execution succeeded(
            @Nullable Object output, long durationMs, int retriesUsed, @Nullable Map<String, Object> evidence) {
        return new Execution(true, output, null, null, durationMs, retriesUsed, evidence);
    }

    public static Execution failed(
            ErrorCode errorCode, @Nullable String errorMessage, long durationMs, int retriesUsed) {
        return new Execution(false, null, errorCode.code(), errorMessage, durationMs, retriesUsed, Map.of());
    }
}
