package dev.handrail.contracts.capability;

import java.util.List;
import java.util.Set;

/**
 * One thing an agent may ask a node to do, with its risk, whether it needs a human by default,
 * its parameters and the timeout bounds a plan must stay inside.
 *
 * @param idempotent      running it twice has the same effect as once (safe to redeliver)
 * @param desktop         needs an interactive desktop session on the node
 * @param sensitiveParams parameters whose values are sensitive inputs (what is typed, put on the clipboard or
 *                        written to a file): only the execute command carries them, everything kept holds
 *                        their digest (see {@link SensitiveParams})
 */
public record Capability(
        String intent,
        RiskLevel riskLevel,
        boolean requiresApproval,
        List<String> tags,
        List<String> requiredParams,
        List<String> optionalParams,
        long minTimeoutMs,
        long defaultTimeoutMs,
        long maxTimeoutMs,
        boolean idempotent,
        boolean desktop,
        Set<String> sensitiveParams) {

    public Capability {
        tags = List.copyOf(tags);
        requiredParams = List.copyOf(requiredParams);
        optionalParams = List.copyOf(optionalParams);
        sensitiveParams = Set.copyOf(sensitiveParams);
        Set<String> accepted = new java.util.HashSet<>(requiredParams);
        accepted.addAll(optionalParams);
        if (!accepted.containsAll(sensitiveParams)) {
            throw new IllegalArgumentException("Sensitive parameters of " + intent + " must be among its parameters");
        }
    }

    /** Every parameter name the capability accepts. */
    public Set<String> knownParams() {
        var all = new java.util.LinkedHashSet<>(requiredParams);
        all.addAll(optionalParams);
        return all;
    }
}
