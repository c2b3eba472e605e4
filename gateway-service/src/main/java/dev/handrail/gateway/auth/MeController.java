package dev.handrail.gateway.auth;

import dev.handrail.gateway.web.Principals;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;

/**
 * {@code GET /v1/me}: who the caller's token says they are and what role it carries, so a client
 * (the console) can offer only what that role may do. The API still checks every call.
 */
@Controller("/v1/me")
public class MeController {

    /** The caller as their token names them; never the secret. */
    public record Me(boolean ok, String principal, String kind, String role, String tokenId) {}

    @Get
    public Me me(HttpRequest<?> request) {
        Caller caller = Principals.caller(request);
        return new Me(
                true, caller.principal(), caller.kind().wire(), caller.role().wire(), caller.tokenId());
    }
}
