package dev.handrail.gateway.web;

import dev.handrail.contracts.action.ApiError;

/** The body of every error answer: {@code {ok: false, error: {code, message}}}. */
public record ErrorBody(boolean ok, ApiError error) {

    public static ErrorBody of(String code, String message) {
        return new ErrorBody(false, new ApiError(code, message));
    }
}
