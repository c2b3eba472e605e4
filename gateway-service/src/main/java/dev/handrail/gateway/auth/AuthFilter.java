package dev.handrail.gateway.auth;

import dev.handrail.contracts.error.ErrorCode;
import dev.handrail.gateway.web.ErrorBody;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import java.util.OptionalLong;

/**
 * Every {@code /v1} and {@code /mcp} request: who is calling (bearer token), may their role call this endpoint,
 * and are they within their rate. Answers 401, 403 or 429 with a code, or lets the request on
 * with its {@link Caller} attached.
 */
@ServerFilter({"/v1/**", "/mcp", "/mcp/**"})
public class AuthFilter {

    /** Request attribute holding the {@link Caller}. */
    public static final String CALLER = "handrail.caller";

    private final Tokens tokens;
    private final RateLimiter limiter;

    public AuthFilter(Tokens tokens, RateLimiter limiter) {
        this.tokens = tokens;
        this.limiter = limiter;
    }

    @RequestFilter
    @Nullable
    public HttpResponse<?> authorise(HttpRequest<?> request) {
        Tokens.Authentication result = tokens.authenticate(bearer(request));
        if (result instanceof Tokens.Authentication.Refused refused) {
            return HttpResponse.status(HttpStatus.UNAUTHORIZED)
                    .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"handrail\"")
                    .body(ErrorBody.of(refused.code(), refused.message()));
        }
        Caller caller = ((Tokens.Authentication.Accepted) result).caller();
        Role required = AccessRules.required(request.getMethod(), request.getPath());
        if (!caller.is(required)) {
            return HttpResponse.status(HttpStatus.FORBIDDEN)
                    .body(ErrorBody.of(
                            ErrorCode.FORBIDDEN,
                            "Role " + caller.role().wire() + " may not " + request.getMethod() + " " + request.getPath()
                                    + "; it needs " + required.wire()));
        }
        OptionalLong wait = limiter.tryAcquire(caller.principal());
        if (wait.isPresent()) {
            return HttpResponse.status(HttpStatus.TOO_MANY_REQUESTS)
                    .header(HttpHeaders.RETRY_AFTER, String.valueOf(wait.getAsLong()))
                    .body(ErrorBody.of(
                            ErrorCode.RATE_LIMITED,
                            "Too many requests from " + caller.principal() + "; retry after " + wait.getAsLong()
                                    + " s"));
        }
        request.setAttribute(CALLER, caller);
        return null;
    }

    private static String bearer(HttpRequest<?> request) {
        String header = request.getHeaders().get(HttpHeaders.AUTHORIZATION);
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        return header.substring(7);
    }
}
