package dev.handrail.policy.capability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.handrail.contracts.capability.Capability;
import dev.handrail.contracts.capability.CapabilityCatalogue;
import dev.handrail.contracts.capability.Guard;
import dev.handrail.contracts.capability.JsonSchemas;
import dev.handrail.contracts.capability.RiskLevel;
import dev.handrail.contracts.json.Json;
import dev.handrail.contracts.message.Heartbeat;
import dev.handrail.contracts.query.Reply;
import dev.handrail.devkit.MutableClock;
import dev.handrail.policy.PolicyConfig;
import dev.handrail.policy.node.NodeDirectory;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CapabilityReportTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T12:00:00Z"));
    private final NodeDirectory nodes = new NodeDirectory(clock);
    /** No settings are stored (the cache is never refreshed), so every capability is enabled with the table's rule. */
    private final CapabilityReport report =
            new CapabilityReport(nodes, new CapabilitySettings(null), new PolicyConfig());

    @Test
    void listsTheWholeCatalogueWithWhichOnlineNodesOfferEachCapability() {
        nodes.record(new Heartbeat(
                "node",
                "local",
                "executor-service",
                clock.instant(),
                clock.instant(),
                2_000,
                new Heartbeat.NodeInfo("linux", null, List.of("file.read", "shell.run"), List.of(), Map.of())));

        JsonNode data = Reply.ok(report.build()).data();

        assertThat(data.get("capabilities")).hasSize(CapabilityCatalogue.all().size());
        JsonNode fileRead = data.get("capabilities").get(0);
        assertThat(fileRead.get("intent").asText()).isEqualTo("file.read");
        assertThat(fileRead.get("risk_level").asText()).isEqualTo("safe");
        assertThat(fileRead.get("requires_approval").asBoolean()).isFalse();
        assertThat(fileRead.get("required_params").get(0).asText()).isEqualTo("path");
        assertThat(fileRead.get("default_timeout_ms").asLong()).isEqualTo(10_000);
        assertThat(fileRead.get("implemented").asBoolean()).isTrue();
        assertThat(fileRead.get("enabled").asBoolean()).isTrue();
        assertThat(fileRead.get("approval_mode").asText()).isEqualTo("auto");
        assertThat(fileRead.get("nodes").get(0).asText()).isEqualTo("local");
        JsonNode fileWrite = data.get("capabilities").get(1);
        assertThat(fileWrite.get("implemented").asBoolean()).isFalse();
        assertThat(fileWrite.get("approval_mode").asText()).isEqualTo("require_approval");
        assertThat(fileWrite.get("nodes")).isEmpty();
        JsonNode stats = data.get("stats");
        assertThat(stats.get("total").asInt())
                .isEqualTo(CapabilityCatalogue.all().size());
        assertThat(stats.get("implemented").asInt()).isEqualTo(2);
        assertThat(stats.get("confirmable").asLong())
                .isEqualTo(CapabilityCatalogue.all().stream()
                        .filter(Capability::requiresApproval)
                        .count());
        for (RiskLevel risk : RiskLevel.values()) {
            assertThat(stats.get("by_risk").get(risk.wire()).asLong())
                    .isEqualTo(CapabilityCatalogue.all().stream()
                            .filter(c -> c.riskLevel() == risk)
                            .count());
        }
    }

    @Test
    void givesEachCapabilityTheSchemasAnAgentCallsItWith() {
        JsonNode capabilities = Reply.ok(report.build()).data().get("capabilities");

        for (Capability capability : CapabilityCatalogue.all()) {
            JsonNode entry = capabilities.get(CapabilityCatalogue.all().indexOf(capability));
            assertThat(entry.get("description").asText()).isEqualTo(capability.description());
            assertThat(entry.get("params_schema").get("$schema").asText()).isEqualTo(JsonSchemas.DIALECT);
            assertThat(entry.get("params_schema").get("additionalProperties").asBoolean())
                    .isFalse();
            assertThat(entry.get("params_schema").get("properties").size())
                    .isEqualTo(capability.params().size());
            assertThat(entry.get("output_schema").get("properties").size())
                    .isEqualTo(capability.output().size());
        }
    }

    @Test
    void theSchemaCarriesPolicysOwnTextLimit() {
        PolicyConfig limits = new PolicyConfig();
        limits.setKeyboardTextMaxLength(42);
        CapabilityReport tight = new CapabilityReport(nodes, new CapabilitySettings(null), limits);

        CapabilityReport.Entry type = tight.build().capabilities().stream()
                .filter(e -> e.intent().equals("keyboard.type"))
                .findFirst()
                .orElseThrow();

        assertThat(Json.mapper()
                        .valueToTree(type.paramsSchema())
                        .at("/properties/text/maxLength")
                        .asInt())
                .isEqualTo(42);
        assertThat(type.guards()).contains(Guard.TEXT_LENGTH);
    }

    @Test
    void implementsNothingWhenNoNodeIsOnline() {
        assertThat(report.build().stats().implemented()).isZero();
        assertThat(report.build().capabilities())
                .allSatisfy(entry -> assertThat(entry.nodes()).isEmpty());
    }
}
