package dev.handrail.contracts.action;

import dev.handrail.contracts.error.ErrorCode;

/** A stable machine-readable code and a message a person can act on. */
public record ApiError(String code, String message) {

    /** An error with a code from the catalogue; the only way services make one. */
    public static ApiError of(ErrorCode code, String message) {
        return new ApiError(code.code(), message);
    }
}
