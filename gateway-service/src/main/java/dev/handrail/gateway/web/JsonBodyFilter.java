package dev.handrail.gateway.web;

import dev.handrail.bus.Bus;
import dev.handrail.contracts.action.ApiError;
import dev.handrail.contracts.error.ErrorCode;
import dev.handrail.contracts.json.StorableJson;
import dev.handrail.gateway.mcp.McpEndpoint;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import java.nio.charset.StandardCharsets;

/**
 * The door every request body passes, whatever endpoint it is for: it must fit in a NATS message
 * with its envelope (413 {@code PAYLOAD_TOO_LARGE}), be JSON (400 {@code INVALID_JSON}) and hold
 * nothing the system cannot carry and store (400 {@code INVALID_JSON_VALUE}, the rule of
 * {@link StorableJson}), so what is accepted here is never dropped further in. Runs after
 * authentication, so an anonymous caller's body is not read. Stateless.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
public class JsonBodyFilter implements Ordered {

    /** After {@code AuthFilter} (order 0). */
    static final int ORDER = 100;

    private final Bus bus;

    public JsonBodyFilter(Bus bus) {
        this.bus = bus;
    }

    @RequestFilter
    @Nullable
    public HttpResponse<?> check(HttpRequest<?> request, @Nullable @Body String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        HttpResponse<ErrorBody> refused = refusal(request, body);
        if (refused == null || !request.getPath().startsWith(McpEndpoint.PATH)) {
            return refused;
        }
        // An MCP client reads only JSON-RPC: the same refusal as a JSON-RPC error, our code in its data.
        ApiError error = refused.body().error();
        return McpEndpoint.refusal(refused.status(), error.code(), error.message());
    }

    private @Nullable HttpResponse<ErrorBody> refusal(HttpRequest<?> request, String body) {
        long size = request.getContentLength() >= 0
                ? request.getContentLength()
                : body.getBytes(StandardCharsets.UTF_8).length;
        if (size > bus.largestBody()) {
            return ApiErrors.respond(
                    ErrorCode.PAYLOAD_TOO_LARGE,
                    "The request body has "
                            + size + " bytes; at most " + bus.largestBody()
                            + " are accepted (what one NATS message carries,"
                            + " less room for its envelope)");
        }
        return StorableJson.check(body, StorableJson.MAX_BODY_DEPTH)
                .map(problem -> switch (problem.kind()) {
                    case NOT_JSON ->
                        ApiErrors.respond(ErrorCode.INVALID_JSON, "The body is not valid JSON: " + problem.message());
                    case UNSTORABLE_VALUE -> ApiErrors.respond(ErrorCode.INVALID_JSON_VALUE, problem.message());
                })
                .orElse(null);
    }

    @Override
    public int getOrder() {
        return ORDER;
    }
}
