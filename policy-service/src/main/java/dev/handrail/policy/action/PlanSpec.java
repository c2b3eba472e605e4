package dev.handrail.policy.action;

import dev.handrail.contracts.capability.Capability;
import dev.handrail.contracts.capability.CapabilityCatalogue;
import dev.handrail.contracts.message.PlanCommand;
import java.util.Map;
import java.util.Optional;

/**
 * A plan with policy's defaults applied: the timeout (clamped to the capability's bounds),
 * retries and node it would run with.
 *
 * @param capability         the catalogue entry of the intent, null when the intent is unknown
 * @param requestedTimeoutMs the timeout the plan asked for, null when it left it to the capability
 */
public record PlanSpec(
        String actionId,
        String intent,
        Map<String, Object> params,
        String node,
        long timeoutMs,
        int maxRetries,
        Capability capability,
        Long requestedTimeoutMs) {

    /** Timeout of a plan whose intent is unknown (it is rejected, but the planned event still says one). */
    public static final long UNKNOWN_INTENT_TIMEOUT_MS = 10_000;

    public PlanSpec {
        params = params == null ? Map.of() : params;
    }

    /** Applies the defaults: the capability's timeout (a requested one clamped into its bounds), no retries, the default node. */
    public static PlanSpec from(PlanCommand command, String defaultNode) {
        Capability capability = CapabilityCatalogue.find(command.intent()).orElse(null);
        long timeout;
        if (capability == null) {
            timeout = command.timeoutMs() != null ? command.timeoutMs() : UNKNOWN_INTENT_TIMEOUT_MS;
        } else {
            timeout = command.timeoutMs() == null
                    ? capability.defaultTimeoutMs()
                    : Math.clamp(command.timeoutMs(), capability.minTimeoutMs(), capability.maxTimeoutMs());
        }
        int retries = command.maxRetries() != null ? command.maxRetries() : 0;
        String node = command.node() == null || command.node().isBlank() ? defaultNode : command.node();
        return new PlanSpec(
                command.actionId(),
                command.intent(),
                command.params(),
                node,
                timeout,
                retries,
                capability,
                command.timeoutMs());
    }

    /** The catalogue entry, if the intent is known. */
    public Optional<Capability> knownCapability() {
        return Optional.ofNullable(capability);
    }

    /** Whether the capability table says a person must approve the action (false for an unknown intent). */
    public boolean requiresApproval() {
        return capability != null && capability.requiresApproval();
    }
}
