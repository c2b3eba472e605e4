package dev.handrail.policy.action;

import dev.handrail.contracts.capability.Capability;
import dev.handrail.contracts.capability.CapabilityCatalogue;
import dev.handrail.contracts.message.PlanCommand;
import java.util.Map;
import java.util.Optional;

/**
 * A plan with policy's defaults applied: the timeout, retries and node it would run with.
 *
 * @param capability the catalogue entry of the intent, null when the intent is unknown
 */
public record PlanSpec(String actionId, String intent, Map<String, Object> params, String node, long timeoutMs,
                       int maxRetries, Capability capability) {

    /** Timeout of a plan whose intent is unknown (it is rejected, but the planned event still says one). */
    public static final long UNKNOWN_INTENT_TIMEOUT_MS = 10_000;

    /** Applies the defaults: the capability's timeout, no retries, the default node. */
    public static PlanSpec from(PlanCommand command, String defaultNode) {
        Capability capability = CapabilityCatalogue.find(command.intent()).orElse(null);
        long timeout = command.timeoutMs() != null ? command.timeoutMs()
                : capability != null ? capability.defaultTimeoutMs() : UNKNOWN_INTENT_TIMEOUT_MS;
        int retries = command.maxRetries() != null ? command.maxRetries() : 0;
        String node = command.node() == null || command.node().isBlank() ? defaultNode : command.node();
        return new PlanSpec(command.actionId(), command.intent(), command.params(), node, timeout, retries, capability);
    }

    /** The catalogue entry, if the intent is known. */
    public Optional<Capability> knownCapability() {
        return Optional.ofNullable(capability);
    }

    /** Whether a person must approve the action before it runs (false for an unknown intent). */
    public boolean requiresApproval() {
        return capability != null && capability.requiresApproval();
    }
}
