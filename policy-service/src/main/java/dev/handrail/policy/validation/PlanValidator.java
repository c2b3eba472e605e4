package dev.handrail.policy.validation;

import dev.handrail.contracts.action.Check;
import dev.handrail.contracts.action.Validation;
import dev.handrail.contracts.capability.Capability;
import dev.handrail.policy.action.PlanSpec;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Checks a plan against the capability catalogue and the nodes, in a fixed order:
 * {@value #CAPABILITY_EXISTS}, {@value #CAPABILITY_IMPLEMENTED}, {@value #REQUIRED_PARAMS},
 * {@value #TIMEOUT_BOUNDS}, {@value #MAX_RETRIES}, {@value #RISK_CLASSIFICATION}. An unknown
 * intent stops at the first. Stateless.
 */
@Singleton
public class PlanValidator {

    public static final String CAPABILITY_EXISTS = "capability_exists";
    public static final String CAPABILITY_IMPLEMENTED = "capability_implemented";
    public static final String REQUIRED_PARAMS = "required_params";
    public static final String TIMEOUT_BOUNDS = "timeout_bounds";
    public static final String MAX_RETRIES = "max_retries";
    public static final String RISK_CLASSIFICATION = "risk_classification";

    /** Retries a plan may ask for, inclusive. */
    public static final int MIN_RETRIES = 0;
    public static final int MAX_RETRIES_ALLOWED = 5;

    /** Validates {@code plan} against what {@code nodes} offer now. */
    public Validation validate(PlanSpec plan, NodeAvailability nodes) {
        return plan.knownCapability()
                .map(capability -> Validation.of(List.of(
                        Check.pass(CAPABILITY_EXISTS, "Capability " + capability.intent() + " is known"),
                        implemented(capability, plan.node(), nodes),
                        requiredParams(capability, plan.params()),
                        timeoutBounds(capability, plan.timeoutMs()),
                        maxRetries(plan.maxRetries()),
                        riskClassification(capability))))
                .orElseGet(() -> Validation.of(List.of(Check.fail(CAPABILITY_EXISTS, "Unknown intent: " + plan.intent()))));
    }

    private static Check implemented(Capability capability, String node, NodeAvailability nodes) {
        Optional<Set<String>> offered = nodes.onlineCapabilities(node);
        if (offered.isEmpty()) {
            return Check.fail(CAPABILITY_IMPLEMENTED, "Node " + node + " is unknown or offline");
        }
        return offered.filter(intents -> intents.contains(capability.intent()))
                .map(intents -> Check.pass(CAPABILITY_IMPLEMENTED, "Node " + node + " offers " + capability.intent()))
                .orElseGet(() -> Check.fail(CAPABILITY_IMPLEMENTED,
                        "Capability " + capability.intent() + " is not implemented on node " + node));
    }

    private static Check requiredParams(Capability capability, Map<String, Object> params) {
        return capability.requiredParams().stream()
                .filter(name -> isMissing(params.get(name)))
                .findFirst()
                .map(name -> Check.fail(REQUIRED_PARAMS, "Missing required parameter: " + name))
                .orElseGet(() -> Check.pass(REQUIRED_PARAMS, capability.requiredParams().isEmpty()
                        ? "No parameters are required" : "Required parameters present: " + String.join(", ", capability.requiredParams())));
    }

    private static boolean isMissing(Object value) {
        return value == null || value instanceof String s && s.isBlank();
    }

    private static Check timeoutBounds(Capability capability, long timeoutMs) {
        if (timeoutMs < capability.minTimeoutMs() || timeoutMs > capability.maxTimeoutMs()) {
            return Check.fail(TIMEOUT_BOUNDS, "timeout_ms must be between " + capability.minTimeoutMs() + " and "
                    + capability.maxTimeoutMs() + " for " + capability.intent());
        }
        return Check.pass(TIMEOUT_BOUNDS, "timeout_ms " + timeoutMs + " is within " + capability.minTimeoutMs() + ".."
                + capability.maxTimeoutMs());
    }

    private static Check maxRetries(int retries) {
        if (retries < MIN_RETRIES || retries > MAX_RETRIES_ALLOWED) {
            return Check.fail(MAX_RETRIES, "max_retries must be between " + MIN_RETRIES + " and " + MAX_RETRIES_ALLOWED);
        }
        return Check.pass(MAX_RETRIES, "max_retries " + retries + " is within " + MIN_RETRIES + ".." + MAX_RETRIES_ALLOWED);
    }

    private static Check riskClassification(Capability capability) {
        return Check.pass(RISK_CLASSIFICATION, "risk " + capability.riskLevel().wire() + "; "
                + (capability.requiresApproval() ? "approval required" : "no approval required"));
    }
}
