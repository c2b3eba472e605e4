package dev.handrail.policy.capability;

import dev.handrail.contracts.capability.Capability;
import dev.handrail.contracts.capability.CapabilityCatalogue;
import dev.handrail.contracts.capability.RiskLevel;
import dev.handrail.policy.decision.ApprovalMode;
import dev.handrail.policy.node.NodeDirectory;
import dev.handrail.policy.node.NodeStatus;
import jakarta.inject.Singleton;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The capability catalogue as policy sees it now: each capability with its rules, whether any
 * online node offers it and which, whether it is enabled and its approval mode. Stateless; reads
 * the thread-safe node directory and settings.
 */
@Singleton
public class CapabilityReport {

    private final NodeDirectory nodes;
    private final CapabilitySettings settings;

    public CapabilityReport(NodeDirectory nodes, CapabilitySettings settings) {
        this.nodes = nodes;
        this.settings = settings;
    }

    /**
     * One capability in the report.
     *
     * @param approvalMode {@code auto} or {@code require_approval}: what applies when no policy rule matches
     * @param changedBy    who last changed the capability's settings, null if nobody did
     */
    public record Entry(String intent, RiskLevel riskLevel, boolean requiresApproval, List<String> tags,
                        List<String> requiredParams, List<String> optionalParams, long minTimeoutMs,
                        long defaultTimeoutMs, long maxTimeoutMs, boolean implemented, boolean enabled,
                        List<String> nodes, String approvalMode, String changedBy) {
    }

    /**
     * Counts over the whole report; {@code byRisk} has every risk level, lowest first;
     * {@code confirmable} is how many need a human's confirmation by the catalogue
     * ({@code requires_approval}, what an action's {@code requires_confirmation} says), the Stage 5 count.
     */
    public record Stats(int total, int implemented, int confirmable, Map<String, Long> byRisk) {
    }

    /** The whole report. */
    public record Report(List<Entry> capabilities, Stats stats) {
    }

    /** Builds the report from the catalogue and the nodes online now. */
    public Report build() {
        List<NodeStatus> online = nodes.online();
        List<Entry> entries = CapabilityCatalogue.all().stream().map(c -> entry(c, online)).toList();
        Map<String, Long> byRisk = new LinkedHashMap<>();
        for (RiskLevel risk : RiskLevel.values()) {
            byRisk.put(risk.wire(), entries.stream().filter(e -> e.riskLevel() == risk).count());
        }
        int implemented = (int) entries.stream().filter(Entry::implemented).count();
        int confirmable = (int) entries.stream().filter(Entry::requiresApproval).count();
        return new Report(entries, new Stats(entries.size(), implemented, confirmable, byRisk));
    }

    private Entry entry(Capability c, List<NodeStatus> online) {
        List<String> offering = online.stream()
                .filter(node -> node.capabilities().contains(c.intent()))
                .map(NodeStatus::id)
                .toList();
        ApprovalMode mode = settings.approvalMode(c.intent())
                .orElse(c.requiresApproval() ? ApprovalMode.REQUIRE_APPROVAL : ApprovalMode.AUTO);
        return new Entry(c.intent(), c.riskLevel(), c.requiresApproval(), c.tags(), c.requiredParams(),
                c.optionalParams(), c.minTimeoutMs(), c.defaultTimeoutMs(), c.maxTimeoutMs(), !offering.isEmpty(),
                settings.enabled(c.intent()), offering, mode.wire(),
                settings.of(c.intent()).map(CapabilitySetting::changedBy).orElse(null));
    }
}
