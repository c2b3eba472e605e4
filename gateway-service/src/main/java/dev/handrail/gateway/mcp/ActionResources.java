package dev.handrail.gateway.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import dev.handrail.contracts.Subjects;
import dev.handrail.contracts.error.ErrorCode;
import dev.handrail.contracts.query.ByIdQuery;
import dev.handrail.gateway.action.ActionBus;
import dev.handrail.gateway.action.ActionService;
import dev.handrail.gateway.auth.Caller;
import dev.handrail.gateway.web.ApiException;
import io.modelcontextprotocol.server.McpAsyncServerExchange;
import io.modelcontextprotocol.server.McpServerFeatures;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import reactor.core.publisher.Mono;

/**
 * Each action's trail as the MCP resource {@code handrail://actions/{id}}: every lifecycle event of
 * the action, in order, as JSON. A caller reads only what the HTTP API lets it read (an agent its
 * own actions); any other id is "not found", whether or not it exists. Stateless.
 */
@Singleton
public class ActionResources {

    static final String TEMPLATE = "handrail://actions/{id}";
    private static final Pattern URI = Pattern.compile("handrail://actions/([^/?#]+)");

    private final ActionService actions;
    private final ActionBus bus;

    public ActionResources(ActionService actions, ActionBus bus) {
        this.actions = actions;
        this.bus = bus;
    }

    public McpServerFeatures.AsyncResourceTemplateSpecification specification() {
        McpSchema.ResourceTemplate template = McpSchema.ResourceTemplate.builder()
                .uriTemplate(TEMPLATE)
                .name("action-trail")
                .title("Action trail")
                .description("Every lifecycle event of one action, in order: planned, validated, the decision, "
                        + "approval, execution and its outcome. The id is the action_id of a tool result's _meta.")
                .mimeType("application/json")
                .build();
        return new McpServerFeatures.AsyncResourceTemplateSpecification(template, this::read);
    }

    Mono<McpSchema.ReadResourceResult> read(McpAsyncServerExchange exchange, McpSchema.ReadResourceRequest request) {
        Caller caller = McpCallers.of(exchange.transportContext());
        Matcher matcher = URI.matcher(request.uri());
        if (!matcher.matches()) {
            return Mono.error(notFound(request.uri()));
        }
        String actionId = matcher.group(1);
        return Mono.fromFuture(() -> actions.readable(actionId, caller)
                        .thenCompose(view -> bus.ask(Subjects.QUERY_TRAIL, new ByIdQuery(actionId))))
                .flatMap(reply -> {
                    if (!reply.ok()) {
                        return Mono.error(notFound(request.uri()));
                    }
                    JsonNode trail = reply.data(JsonNode.class);
                    return Mono.just(new McpSchema.ReadResourceResult(List.of(
                            new McpSchema.TextResourceContents(request.uri(), "application/json", trail.toString()))));
                })
                .onErrorMap(
                        ApiException.class,
                        e -> e.code().equals(ErrorCode.NOT_FOUND.code()) ? notFound(request.uri()) : e);
    }

    private static McpError notFound(String uri) {
        return McpError.builder(McpSchema.ErrorCodes.RESOURCE_NOT_FOUND)
                .message("No action trail at " + uri + " that this token may read")
                .build();
    }
}
