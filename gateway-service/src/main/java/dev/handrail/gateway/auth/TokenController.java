package dev.handrail.gateway.auth;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.handrail.contracts.error.ErrorCode;
import dev.handrail.contracts.json.Json;
import dev.handrail.gateway.web.ApiException;
import dev.handrail.gateway.web.Principals;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** {@code /v1/tokens} (admin): issue a token (its secret shown once), list tokens, revoke one. */
@Controller("/v1/tokens")
public class TokenController {

    static final long MAX_EXPIRY_S = Duration.ofDays(366).toSeconds();

    private final Tokens tokens;

    public TokenController(Tokens tokens) {
        this.tokens = tokens;
    }

    /** Body of {@code POST /v1/tokens}. */
    public record IssueRequest(String principal, String role, String kind, Long expiresInS) {}

    /** What a client may see of a token: never its secret or hash. */
    public record TokenView(
            String id,
            String principal,
            String kind,
            String role,
            Instant createdAt,
            Instant expiresAt,
            Instant revokedAt,
            String createdBy) {
        static TokenView of(TokenRecord t) {
            return new TokenView(
                    t.id(),
                    t.principal(),
                    t.kind().wire(),
                    t.role().wire(),
                    t.createdAt(),
                    t.expiresAt(),
                    t.revokedAt(),
                    t.createdBy());
        }
    }

    /** The answer to issuing: the secret, this once. */
    public record Issued(
            boolean ok, String id, String token, String principal, String kind, String role, Instant expiresAt) {}

    /** The token list. */
    public record TokenList(boolean ok, List<TokenView> tokens) {}

    /** The answer to revoking. */
    public record Revoked(boolean ok, String id, boolean revoked) {}

    @Post
    public HttpResponse<Issued> issue(HttpRequest<?> request, @Nullable @Body String body) {
        IssueRequest r = parse(body);
        if (r.principal() == null || !r.principal().matches("[A-Za-z0-9_.@:-]{1,128}")) {
            throw ApiException.validation("principal must be 1-128 letters, digits or . _ @ : -");
        }
        Role role =
                parseOr(() -> Role.parse(r.role() == null ? "" : r.role()), "role must be agent, operator or admin");
        PrincipalKind kind = r.kind() == null
                ? defaultKind(role)
                : parseOr(() -> PrincipalKind.parse(r.kind()), "kind must be user, agent or service");
        if (r.expiresInS() != null && (r.expiresInS() < 1 || r.expiresInS() > MAX_EXPIRY_S)) {
            throw ApiException.validation("expires_in_s must be between 1 and " + MAX_EXPIRY_S);
        }
        Tokens.Issued issued = tokens.issue(
                r.principal(),
                kind,
                role,
                r.expiresInS() == null ? null : Duration.ofSeconds(r.expiresInS()),
                Principals.of(request));
        TokenRecord t = issued.token();
        return HttpResponse.status(HttpStatus.CREATED)
                .body(new Issued(
                        true,
                        t.id(),
                        issued.secret(),
                        t.principal(),
                        t.kind().wire(),
                        t.role().wire(),
                        t.expiresAt()));
    }

    @Get
    public TokenList list() {
        return new TokenList(true, tokens.all().stream().map(TokenView::of).toList());
    }

    @Delete("/{id}")
    public Revoked revoke(@PathVariable String id) {
        if (!tokens.revoke(id)) {
            throw ApiException.notFound("No token with id " + id);
        }
        return new Revoked(true, id, true);
    }

    private static IssueRequest parse(String body) {
        if (body == null || body.isBlank()) {
            throw ApiException.validation("Send {principal, role, kind?, expires_in_s?}");
        }
        try {
            IssueRequest r = Json.mapper().readValue(body, IssueRequest.class);
            if (r == null) {
                throw ApiException.validation("Send {principal, role, kind?, expires_in_s?}");
            }
            return r;
        } catch (JsonProcessingException e) {
            throw new ApiException(ErrorCode.INVALID_JSON, "The body is not valid JSON: " + e.getOriginalMessage());
        }
    }

    private static <T> T parseOr(java.util.function.Supplier<T> parse, String message) {
        try {
            return parse.get();
        } catch (IllegalArgumentException e) {
            throw ApiException.validation(message);
        }
    }

    private static PrincipalKind defaultKind(Role role) {
        return role == Role.AGENT ? PrincipalKind.AGENT : PrincipalKind.USER;
    }
}
