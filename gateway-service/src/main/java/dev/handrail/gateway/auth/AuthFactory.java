package dev.handrail.gateway.auth;

import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;
import java.time.Clock;

/** Wires tokens and the rate limiter from configuration. */
@Factory
public class AuthFactory {

    @Singleton
    Tokens tokens(TokenStore store) {
        return new Tokens(store, Clock.systemUTC());
    }

    @Singleton
    RateLimiter rateLimiter(SecurityConfig config) {
        return new RateLimiter(config.getRequestsPerSecond(), config.getBurst());
    }
}
