package dev.handrail.contracts.action;

import dev.handrail.contracts.error.ErrorCode;
import org.jspecify.annotations.Nullable;

/** A stable machine-readable code and a message a person can act on. */
public record ApiError(@Nullable String code, @Nullable String message) {

    /** An error with a code from the catalogue; the only way services make one. */
    public static ApiError of(ErrorCode code, @Nullable String message) {
        return new ApiError(code.code(), message);
    }
}
