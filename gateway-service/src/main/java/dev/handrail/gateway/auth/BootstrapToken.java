package dev.handrail.gateway.auth;

import io.micronaut.context.annotation.Context;
import jakarta.annotation.PostConstruct;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * At start-up, makes the bootstrap admin token (from {@code HANDRAIL_BOOTSTRAP_TOKEN}) valid, so
 * there is always a way in on a fresh system. Never logs the secret.
 */
@Context
public class BootstrapToken {

    private static final Logger LOG = LoggerFactory.getLogger(BootstrapToken.class);

    private final Tokens tokens;
    private final SecurityConfig config;

    public BootstrapToken(Tokens tokens, SecurityConfig config) {
        this.tokens = tokens;
        this.config = config;
    }

    @PostConstruct
    void ensure() {
        String secret = config.getBootstrapToken();
        if (secret == null || secret.isBlank()) {
            if (tokens.all().stream().noneMatch(t -> t.role() == Role.ADMIN && t.revokedAt() == null)) {
                LOG.warn("No admin token exists and HANDRAIL_BOOTSTRAP_TOKEN is not set: nobody can manage tokens");
            }
            return;
        }
        TokenRecord token =
                tokens.ensure(secret.trim(), "bootstrap-admin", PrincipalKind.SERVICE, Role.ADMIN, "bootstrap");
        LOG.info("Bootstrap admin token is valid (token id {})", token.id());
    }
}
