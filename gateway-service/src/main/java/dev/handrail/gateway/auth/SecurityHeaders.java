package dev.handrail.gateway.auth;

import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;

/** Headers every answer carries: no sniffing, no framing, no caching, no referrer, nothing loaded from elsewhere. */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
public class SecurityHeaders {

    @ResponseFilter
    public void addHeaders(MutableHttpResponse<?> response) {
        response.header("X-Content-Type-Options", "nosniff");
        response.header("X-Frame-Options", "DENY");
        response.header("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'");
        response.header("Referrer-Policy", "no-referrer");
        response.header("Cache-Control", "no-store");
    }
}
