package dev.handrail.cli;

import dev.handrail.client.HandrailClient;
import picocli.CommandLine.Command;

/** {@code handrail mcp}: Handrail's MCP server for clients that launch local servers over stdio (docs/mcp.md). */
@Command(
        name = "mcp",
        description = {
            "Relay the Model Context Protocol between standard input/output and the gateway's /mcp.",
            "For MCP clients that only launch local servers (Claude Desktop): give them this command with",
            "HANDRAIL_URL and HANDRAIL_TOKEN (an agent token) in its environment.",
            "Standard output carries JSON-RPC only; diagnostics go to standard error.",
            "Ends the session when standard input ends."
        })
final class McpCommand extends Base {

    @Override
    public Integer call() {
        HandrailClient client = client();
        McpBridge bridge = new McpBridge(client.mcp(), client.base(), cli().input, out(), err());
        // A client that stops the bridge with a signal rather than by closing its input still ends the session.
        Thread ender = new Thread(bridge::end, "handrail-mcp-end");
        Runtime.getRuntime().addShutdownHook(ender);
        try {
            bridge.run();
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(ender);
            } catch (IllegalStateException e) {
                // Already shutting down: the hook is running.
            }
        }
        return HandrailCli.OK;
    }
}
