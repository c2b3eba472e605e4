package dev.handrail.gateway.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.handrail.contracts.capability.Capability;
import dev.handrail.contracts.capability.CapabilityCatalogue;
import dev.handrail.contracts.capability.JsonSchemas;
import dev.handrail.contracts.query.Reply;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class ToolCatalogueTest {

    /** What MCP clients accept as a tool name (the specification's recommendation, and Claude's rule). */
    private static final Pattern CLIENT_NAME = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    @Test
    void everyCapabilityIsOneToolWithANameClientsAcceptAndItsOwnSchemas() {
        List<McpSchema.Tool> tools = ToolCatalogue.tools();

        assertThat(tools).hasSameSizeAs(CapabilityCatalogue.all());
        for (Capability capability : CapabilityCatalogue.all()) {
            McpSchema.Tool tool = ToolCatalogue.tool(capability);
            assertThat(tool.name()).matches(CLIENT_NAME);
            assertThat(ToolCatalogue.capability(tool.name())).contains(capability);
            assertThat(tool.inputSchema()).isEqualTo(JsonSchemas.params(capability));
            assertThat(tool.outputSchema()).isEqualTo(JsonSchemas.output(capability));
            assertThat(tool.description()).startsWith(capability.description());
            assertThat(tool.annotations().idempotentHint()).isEqualTo(capability.idempotent());
        }
        assertThat(ToolCatalogue.capability("file.read")).isEmpty();
        assertThat(ToolCatalogue.capability("no_such_tool")).isEmpty();
    }

    @Test
    void hintsFollowWhatTheCapabilityDoes() {
        McpSchema.ToolAnnotations read = annotations("file.read");
        assertThat(read.readOnlyHint()).isTrue();
        assertThat(read.openWorldHint()).isFalse();

        McpSchema.ToolAnnotations write = annotations("file.write");
        assertThat(write.readOnlyHint()).isFalse();
        assertThat(write.destructiveHint()).isTrue();

        McpSchema.ToolAnnotations shell = annotations("shell.run");
        assertThat(shell.destructiveHint()).isTrue();
        assertThat(shell.openWorldHint()).isTrue();

        McpSchema.ToolAnnotations typing = annotations("keyboard.type");
        assertThat(typing.readOnlyHint()).isFalse();
        assertThat(typing.destructiveHint())
                .as("what was typed cannot be taken back")
                .isTrue();

        assertThat(annotations("browser.open").openWorldHint()).isTrue();
    }

    @Test
    void aToolThatNeedsApprovalSaysSo() {
        assertThat(ToolCatalogue.tool(CapabilityCatalogue.find("shell.run").orElseThrow())
                        .description())
                .contains("approval");
        assertThat(ToolCatalogue.tool(CapabilityCatalogue.find("file.read").orElseThrow())
                        .description())
                .doesNotContain("approval");
    }

    @Test
    void theOfferLeavesOutWhatIsNotImplementedDisabledOrKilled() {
        Reply capabilities = Reply.ok(Map.of(
                "capabilities",
                List.of(
                        entry("file.read", true, true, "n1"),
                        entry("file.write", true, false, "n1"),
                        entry("window.list", false, true),
                        entry("shell.run", true, true, "n1"),
                        entry("clipboard.read", true, true, "n2"),
                        entry("mouse.click", true, true, "n1", "n2"))));

        assertThat(ToolAvailability.offer(capabilities, killed()))
                .containsExactlyInAnyOrder("file.read", "shell.run", "clipboard.read", "mouse.click");
        assertThat(ToolAvailability.offer(capabilities, killed("capability:shell.run", "node:n2")))
                .containsExactlyInAnyOrder("file.read", "mouse.click");
        assertThat(ToolAvailability.offer(capabilities, killed("global"))).isEmpty();
    }

    private static McpSchema.ToolAnnotations annotations(String intent) {
        return ToolCatalogue.annotations(CapabilityCatalogue.find(intent).orElseThrow());
    }

    private static Map<String, Object> entry(String intent, boolean implemented, boolean enabled, String... nodes) {
        return Map.of("intent", intent, "implemented", implemented, "enabled", enabled, "nodes", List.of(nodes));
    }

    private static Reply killed(String... scopes) {
        return Reply.ok(Map.of(
                "engaged",
                java.util.Arrays.stream(scopes).map(s -> Map.of("scope", s)).toList()));
    }
}
