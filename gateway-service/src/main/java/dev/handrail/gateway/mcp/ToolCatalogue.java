package dev.handrail.gateway.mcp;

import dev.handrail.contracts.capability.Capability;
import dev.handrail.contracts.capability.CapabilityCatalogue;
import dev.handrail.contracts.capability.JsonSchemas;
import dev.handrail.contracts.capability.RiskLevel;
import dev.handrail.contracts.capability.Tag;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The MCP tools, one per capability of the catalogue, named as MCP clients accept ({@code file.read}
 * is {@code file_read}), with the capability's description and its parameter and output schemas,
 * and hints derived from its tags and risk. Stateless.
 */
public final class ToolCatalogue {

    private ToolCatalogue() {}

    /** The tool name of an intent: dots become underscores ({@code [A-Za-z0-9_-]} is what every client takes). */
    public static String toolName(String intent) {
        return intent.replace('.', '_');
    }

    /** The capability a tool name stands for. */
    public static Optional<Capability> capability(String toolName) {
        return CapabilityCatalogue.all().stream()
                .filter(c -> toolName(c.intent()).equals(toolName))
                .findFirst();
    }

    /** Every tool, in catalogue order. */
    public static List<McpSchema.Tool> tools() {
        return CapabilityCatalogue.all().stream().map(ToolCatalogue::tool).toList();
    }

    /** The tool of one capability. */
    public static McpSchema.Tool tool(Capability capability) {
        String approval = capability.requiresApproval()
                ? " Needs an operator's approval unless policy says otherwise: the call waits for it."
                : "";
        return McpSchema.Tool.builder()
                .name(toolName(capability.intent()))
                .title(capability.intent())
                .description(capability.description() + " Risk: "
                        + capability.riskLevel().wire() + "." + approval)
                .inputSchema(JsonSchemas.params(capability))
                .outputSchema(JsonSchemas.output(capability))
                .annotations(annotations(capability))
                .meta(Map.of(
                        "handrail/intent",
                        capability.intent(),
                        "handrail/risk_level",
                        capability.riskLevel().wire()))
                .build();
    }

    /**
     * The hints: read-only when it only reads; destructive when it writes, starts or ends programs,
     * or sends input (what was typed cannot be taken back) or is high risk; idempotent as declared;
     * open-world when it may reach the network or run programs.
     */
    static McpSchema.ToolAnnotations annotations(Capability capability) {
        boolean changes = capability.is(Tag.WRITES) || capability.is(Tag.PROCESS) || capability.is(Tag.INPUT);
        boolean readOnly = !changes && capability.is(Tag.READS);
        boolean destructive = changes || capability.riskLevel() == RiskLevel.HIGH;
        boolean openWorld = capability.is(Tag.NETWORK) || capability.is(Tag.PROCESS);
        return new McpSchema.ToolAnnotations(
                capability.intent(), readOnly, readOnly ? null : destructive, capability.idempotent(), openWorld, null);
    }
}
