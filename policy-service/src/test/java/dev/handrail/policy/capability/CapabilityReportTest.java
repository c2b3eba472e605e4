package dev.handrail.policy.capability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.handrail.contracts.message.Heartbeat;
import dev.handrail.contracts.query.Reply;
import dev.handrail.devkit.MutableClock;
import dev.handrail.policy.node.NodeDirectory;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CapabilityReportTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T12:00:00Z"));
    private final NodeDirectory nodes = new NodeDirectory(clock);
    /** No settings are stored (the cache is never refreshed), so every capability is enabled with the table's rule. */
    private final CapabilityReport report = new CapabilityReport(nodes, new CapabilitySettings(null));

    @Test
    void listsTheWholeCatalogueWithWhichOnlineNodesOfferEachCapability() {
        nodes.record(new Heartbeat("node", "local", "executor-service", clock.instant(), clock.instant(), 2_000,
                new Heartbeat.NodeInfo("linux", null, List.of("file.read", "shell.run"), List.of(), Map.of())));

        JsonNode data = Reply.ok(report.build()).data();

        assertThat(data.get("capabilities")).hasSize(14);
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
        assertThat(stats.get("total").asInt()).isEqualTo(14);
        assertThat(stats.get("implemented").asInt()).isEqualTo(2);
        assertThat(stats.get("confirmable").asInt()).isEqualTo(9);
        assertThat(stats.get("by_risk").get("safe").asInt()).isEqualTo(4);
        assertThat(stats.get("by_risk").get("low").asInt()).isEqualTo(2);
        assertThat(stats.get("by_risk").get("medium").asInt()).isEqualTo(4);
        assertThat(stats.get("by_risk").get("high").asInt()).isEqualTo(4);
    }

    @Test
    void implementsNothingWhenNoNodeIsOnline() {
        assertThat(report.build().stats().implemented()).isZero();
        assertThat(report.build().capabilities()).allSatisfy(entry -> assertThat(entry.nodes()).isEmpty());
    }
}
