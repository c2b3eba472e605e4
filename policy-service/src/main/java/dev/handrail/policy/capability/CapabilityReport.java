package dev.handrail.policy.capability;

import dev.handrail.contracts.capability.Capability;
import dev.handrail.contracts.capability.CapabilityCatalogue;
import dev.handrail.contracts.capability.Guard;
import dev.handrail.contracts.capability.JsonSchemas;
import dev.handrail.contracts.capability.RiskLevel;
import dev.handrail.contracts.capability.Tag;
import dev.handrail.policy.PolicyConfig;
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
    private final PolicyConfig limits;

    public CapabilityReport(NodeDirectory nodes, CapabilitySettings settings, PolicyConfig limits) {
        this.nodes = nodes;
        this.settings = settings;
        this.limits = limits;
    }

    /**
     * One capability in the report.
     *
     * @param paramsSchema JSON Schema of the plan's {@code params}, with policy's own text limits
     * @param outputSchema JSON Schema of {@code execution.output} when it succeeds
     * @param guards       the checks policy makes beyond the parameters' types, by check name
     * @param approvalMode {@code auto} or {@code require_approval}: what applies when no policy rule matches
     * @param changedBy    who last changed the capability's settings, null if nobody did
     */
    public record Entry(
            String intent,
            String description,
            RiskLevel riskLevel,
            boolean requiresApproval,
            List<Tag> tags,
            List<String> requiredParams,
            List<String> optionalParams,
            List<String> sensitiveParams,
            Map<String, Object> paramsSchema,
            Map<String, Object> outputSchema,
            List<Guard> guards,
            long minTimeoutMs,
            long defaultTimeoutMs,
            long maxTimeoutMs,
            boolean idempotent,
            boolean implemented,
            boolean enabled,
            List<String> nodes,
            String approvalMode,
            String changedBy) {}

    /**
     * Counts over the whole report; {@code byRisk} has every risk level, lowest first;
     * {@code confirmable} is how many need a human's confirmation by the catalogue
     * ({@code requires_approval}, what an action's {@code requires_confirmation} says), the Stage 5 count.
     */
    public record Stats(int total, int implemented, int confirmable, Map<String, Long> byRisk) {}

    /** The whole report. */
    public record Report(List<Entry> capabilities, Stats stats) {}

    /** Builds the report from the catalogue and the nodes online now. */
    public Report build() {
        List<NodeStatus> online = nodes.online();
        List<Entry> entries =
                CapabilityCatalogue.all().stream().map(c -> entry(c, online)).toList();
        Map<String, Long> byRisk = new LinkedHashMap<>();
        for (RiskLevel risk : RiskLevel.values()) {
            byRisk.put(
                    risk.wire(),
                    entries.stream().filter(e -> e.riskLevel() == risk).count());
        }
        int implemented = (int) entries.stream().filter(Entry::implemented).count();
        int confirmable = (int) entries.stream().filter(Entry::requiresApproval).count();
        return new Report(entries, new Stats(entries.size(), implemented, confirmable, byRisk));
    }

    /** The catalogue's parameter schema with the text length policy really allows. */
    @SuppressWarnings("unchecked")
    private Map<String, Object> paramsSchema(Capability c) {
        Map<String, Object> schema = JsonSchemas.params(c);
        if (c.guards().contains(Guard.TEXT_LENGTH)
                && ((Map<String, Object>) schema.get("properties")).get("text") instanceof Map<?, ?> text) {
            ((Map<String, Object>) text).put("maxLength", limits.textMaxLength(c));
        }
        return schema;
    }

    private Entry entry(Capability c, List<NodeStatus> online) {
        List<String> offering = online.stream()
                .filter(node -> node.capabilities().contains(c.intent()))
                .map(NodeStatus::id)
                .toList();
        ApprovalMode mode = settings.approvalMode(c.intent())
                .orElse(c.requiresApproval() ? ApprovalMode.REQUIRE_APPROVAL : ApprovalMode.AUTO);
        return new Entry(
                c.intent(),
                c.description(),
                c.riskLevel(),
                c.requiresApproval(),
                List.copyOf(c.tags()),
                c.requiredParams(),
                c.optionalParams(),
                List.copyOf(c.sensitiveParams()),
                paramsSchema(c),
                JsonSchemas.output(c),
                c.guards(),
                c.minTimeoutMs(),
                c.defaultTimeoutMs(),
                c.maxTimeoutMs(),
                c.idempotent(),
                !offering.isEmpty(),
                settings.enabled(c.intent()),
                offering,
                mode.wire(),
                settings.of(c.intent()).map(CapabilitySetting::changedBy).orElse(null));
    }
}
