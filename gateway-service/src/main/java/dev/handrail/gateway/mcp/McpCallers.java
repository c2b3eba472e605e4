package dev.handrail.gateway.mcp;

import dev.handrail.gateway.auth.Caller;
import io.modelcontextprotocol.common.McpTransportContext;

/** The caller of an MCP message, as {@link McpSessions} put it in the message's transport context. */
final class McpCallers {

    private McpCallers() {}

    static Caller of(McpTransportContext context) {
        if (context != null && context.get(McpSessions.CALLER) instanceof Caller caller) {
            return caller;
        }
        throw new IllegalStateException("An MCP message reached a handler without its caller");
    }
}
