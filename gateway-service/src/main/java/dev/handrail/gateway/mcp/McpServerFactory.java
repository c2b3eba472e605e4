package dev.handrail.gateway.mcp;

import dev.handrail.contracts.json.Json;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Factory;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.json.schema.jackson2.DefaultJsonSchemaValidator;
import io.modelcontextprotocol.server.McpAsyncServer;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.spec.McpSchema;
import jakarta.inject.Singleton;
import reactor.core.publisher.Mono;

/**
 * The MCP server of {@code /mcp}: the SDK's server over {@link McpSessions}, with a tool per
 * capability (offered as {@link ToolAvailability} says), the action trails as resources, and the
 * instructions a model reads first. Built at startup, so the transport has its session factory
 * before the first request.
 */
@Factory
public class McpServerFactory {

    static final String INSTRUCTIONS = "Handrail acts on a desktop for you: read and write files in the workspace, "
            + "run allowlisted commands, open URLs and apps, list and focus windows, type, press hotkeys, click, "
            + "use the clipboard and capture the screen. Every call is checked against policy and recorded. "
            + "Some calls need a person's approval: such a call waits (with progress notifications) until an "
            + "operator decides or the approval expires; cancelling the call withdraws the action. A refused or "
            + "failed call returns isError with the reason; fix the arguments or ask the user, do not retry blindly. "
            + "Each result's _meta names its handrail/action_id; the resource handrail://actions/{id} is its trail.";

    @Singleton
    McpJsonMapper mcpJsonMapper() {
        return new JacksonMcpJsonMapper(Json.mapper().copy());
    }

    @Context
    @Bean(preDestroy = "close")
    McpAsyncServer mcpServer(
            McpSessions sessions,
            McpJsonMapper json,
            ActionTools tools,
            ActionResources resources,
            ToolAvailability availability) {
        return McpServer.async(sessions)
                .serverInfo("handrail", "0.1.0")
                .instructions(INSTRUCTIONS)
                .jsonMapper(json)
                .jsonSchemaValidator(
                        new DefaultJsonSchemaValidator(Json.mapper().copy()))
                .capabilities(McpSchema.ServerCapabilities.builder()
                        .tools(true)
                        .resources(false, true)
                        .logging()
                        .build())
                // Arguments are policy's to check, so that a bad call is rejected with reasons and on the trail.
                .validateToolInputs(false)
                .tools(tools.specifications())
                .addToolFilter((context, tool) -> Mono.fromFuture(availability.offered())
                        .map(offered -> ToolCatalogue.capability(tool.name())
                                .map(c -> offered.contains(c.intent()))
                                .orElse(false)))
                .resourceTemplates(resources.specification())
                .build();
    }
}
