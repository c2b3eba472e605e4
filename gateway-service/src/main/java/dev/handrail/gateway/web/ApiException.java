package dev.handrail.gateway.web;

import dev.handrail.contracts.action.ApiError;
import dev.handrail.contracts.error.ErrorCode;
import io.micronaut.http.HttpStatus;

/**
 * A request that cannot be answered as asked: carries a stable code from the catalogue, the HTTP
 * status the catalogue gives it, and a message for a person.
 */
public class ApiException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final HttpStatus status;
    private final String code;

    private ApiException(HttpStatus status, String code, String message) {
        super(message);
        this.status = status;
        this.code = code;
    }

    public ApiException(ErrorCode code, String message) {
        this(HttpStatus.valueOf(code.httpStatus()), code.code(), message);
    }

    /**
     * Another service's error answered as it came: with the catalogue's status for its code, or
     * {@code 502 Bad Gateway} when the code is not in the catalogue or names a failure inside
     * that service ({@code INTERNAL}).
     */
    public static ApiException relayed(ApiError error) {
        HttpStatus status = ErrorCode.find(error.code())
                .filter(code -> code != ErrorCode.INTERNAL)
                .map(code -> HttpStatus.valueOf(code.httpStatus()))
                .orElse(HttpStatus.BAD_GATEWAY);
        return new ApiException(status, error.code(), error.message());
    }

    /** An upstream's error that the gateway answers as {@code 502} whatever its code (the upstream failed us). */
    public static ApiException upstreamFailed(ApiError error) {
        return new ApiException(HttpStatus.BAD_GATEWAY, error.code(), error.message());
    }

    public static ApiException validation(String message) {
        return new ApiException(ErrorCode.VALIDATION_FAILED, message);
    }

    public static ApiException notFound(String message) {
        return new ApiException(ErrorCode.NOT_FOUND, message);
    }

    public HttpStatus status() {
        return status;
    }

    public String code() {
        return code;
    }
}
