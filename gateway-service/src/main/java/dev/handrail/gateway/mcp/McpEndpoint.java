package dev.handrail.gateway.mcp;

import dev.handrail.contracts.error.ErrorCode;
import dev.handrail.gateway.web.Principals;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Error;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Produces;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.LinkedHashMap;
import java.util.Map;
import reactor.core.publisher.Mono;

/**
 * {@code /mcp}: the Model Context Protocol's Streamable HTTP endpoint (docs/mcp.md). The bearer
 * token is checked before any MCP traffic, as for {@code /v1}; the protocol is {@link McpSessions}'.
 */
@Controller(McpEndpoint.PATH)
public class McpEndpoint {

    /** Where the MCP server answers. */
    public static final String PATH = "/mcp";

    static final String SESSION = io.modelcontextprotocol.spec.HttpHeaders.MCP_SESSION_ID;

    private final McpSessions sessions;

    public McpEndpoint(McpSessions sessions) {
        this.sessions = sessions;
    }

    @Post
    @Consumes({MediaType.APPLICATION_JSON, MediaType.TEXT_PLAIN})
    @Produces({MediaType.APPLICATION_JSON, MediaType.TEXT_EVENT_STREAM})
    public Mono<HttpResponse<?>> post(
            HttpRequest<?> request,
            @Nullable @Header(SESSION) String sessionId,
            @Nullable @Header(HttpHeaders.ACCEPT) String accept,
            @Nullable @Body String body) {
        return sessions.post(Principals.caller(request), sessionId, body, streamable(accept));
    }

    @Get
    @Produces(MediaType.TEXT_EVENT_STREAM)
    public HttpResponse<?> listen(HttpRequest<?> request, @Nullable @Header(SESSION) String sessionId) {
        return sessions.listen(Principals.caller(request), sessionId);
    }

    @Delete
    public Mono<HttpResponse<?>> delete(HttpRequest<?> request, @Nullable @Header(SESSION) String sessionId) {
        return sessions.delete(Principals.caller(request), sessionId);
    }

    /**
     * The answer to an unknown session (ended, never opened, or another principal's). Micronaut
     * hands every 404 a route gives to a status handler; this one, local to the endpoint, keeps the
     * answer JSON-RPC instead of the API's error body.
     */
    @Error(status = HttpStatus.NOT_FOUND)
    public HttpResponse<?> noSession(HttpRequest<?> request) {
        String sessionId = request.getHeaders().get(SESSION);
        return refusal(
                HttpStatus.NOT_FOUND,
                McpSchema.ErrorCodes.INVALID_REQUEST,
                ErrorCode.NOT_FOUND.code(),
                "No MCP session " + sessionId + "; initialize a new one");
    }

    /**
     * A refusal of the HTTP layer (body too large, not JSON) as an MCP client reads it: a JSON-RPC
     * error with no id, {@code -32700} (parse error), the stable {@code code} in its data.
     */
    public static HttpResponse<?> refusal(HttpStatus status, String code, String message) {
        return refusal(status, McpSchema.ErrorCodes.PARSE_ERROR, code, message);
    }

    /** A JSON-RPC error with no id: {@code rpcCode}, and Handrail's {@code code} in its data. */
    static HttpResponse<?> refusal(HttpStatus status, int rpcCode, String code, String message) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("code", rpcCode);
        error.put("message", message);
        error.put("data", Map.of("code", code));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("jsonrpc", McpSchema.JSONRPC_VERSION);
        body.put("id", null);
        body.put("error", error);
        return HttpResponse.status(status)
                .contentType(MediaType.APPLICATION_JSON_TYPE)
                .body(body);
    }

    /** Whether the client takes an event stream; one that accepts only JSON gets the final response alone. */
    private static boolean streamable(@Nullable String accept) {
        return accept == null || accept.contains(MediaType.TEXT_EVENT_STREAM) || accept.contains("*/*");
    }
}
