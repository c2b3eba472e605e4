package dev.handrail.contracts.query;

import com.fasterxml.jackson.databind.JsonNode;
import dev.handrail.contracts.action.ApiError;
import dev.handrail.contracts.error.ErrorCode;
import dev.handrail.contracts.json.Json;
import org.jspecify.annotations.Nullable;

/** The answer to any request-reply query: {@code data} when ok, {@code error} otherwise. */
public record Reply(
        boolean ok, @Nullable JsonNode data, @Nullable ApiError error) {

    public static Reply ok(@Nullable Object data) {
        return new Reply(true, Json.mapper().valueToTree(data), null);
    }

    public static Reply error(ErrorCode code, @Nullable String message) {
        return new Reply(false, null, ApiError.of(code, message));
    }

    /** Whether this is an error with {@code code}. */
    public boolean isError(ErrorCode code) {
        return !ok && error != null && code.code().equals(error.code());
    }

    /** The data as a given type. */
    public <T> T data(Class<T> type) {
        return Json.mapper().convertValue(data, type);
    }
}
