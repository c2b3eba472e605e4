package dev.handrail.gateway.web;

import dev.handrail.contracts.action.ApiError;
import dev.handrail.contracts.error.ErrorCode;

/** The body of every error answer: {@code {ok: false, error: {code, message}}}. */
public record ErrorBody(boolean ok, ApiError error) {

    public static ErrorBody of(ErrorCode code, String message) {
        return new ErrorBody(false, ApiError.of(code, message));
    }

    /** The body of an error whose code was already checked against the catalogue (an {@link ApiException}). */
    static ErrorBody of(ApiException e) {
        return new ErrorBody(false, new ApiError(e.code(), e.getMessage()));
    }
}
