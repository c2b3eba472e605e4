package dev.handrail.gateway.web;

import dev.handrail.contracts.error.ErrorCode;
import dev.handrail.gateway.auth.AuthFilter;
import dev.handrail.gateway.auth.Caller;
import io.micronaut.http.HttpRequest;

/** Who is calling: the principal of the request's API token, as {@code AuthFilter} established it. */
public final class Principals {

    private Principals() {}

    /** The caller; every {@code /v1} request has one (the filter refuses those without). */
    public static Caller caller(HttpRequest<?> request) {
        return request.getAttribute(AuthFilter.CALLER, Caller.class)
                .orElseThrow(
                        () -> new ApiException(ErrorCode.UNAUTHENTICATED, "No API token was checked for this request"));
    }

    /** The caller's principal name. */
    public static String of(HttpRequest<?> request) {
        return caller(request).principal();
    }
}
