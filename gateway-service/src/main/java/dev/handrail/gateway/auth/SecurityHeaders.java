package dev.handrail.gateway.auth;

import dev.handrail.gateway.console.ConsoleController;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;

/**
 * Headers every answer carries: no sniffing, no framing, no caching, no referrer, nothing loaded
 * from elsewhere. The console's page may load its own scripts and styles from this origin and
 * nothing else ({@link ConsoleController#CONTENT_SECURITY_POLICY}); every other answer may load nothing.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
public class SecurityHeaders {

    @ResponseFilter
    public void addHeaders(HttpRequest<?> request, MutableHttpResponse<?> response) {
        boolean console =
                request.getPath().equals("/console") || request.getPath().startsWith("/console/");
        response.header("X-Content-Type-Options", "nosniff");
        response.header("X-Frame-Options", "DENY");
        response.header(
                "Content-Security-Policy",
                console ? ConsoleController.CONTENT_SECURITY_POLICY : "default-src 'none'; frame-ancestors 'none'");
        response.header("Referrer-Policy", "no-referrer");
        response.header("Cache-Control", "no-store");
    }
}
